Console.WriteLine("satdaemon");
