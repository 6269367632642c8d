Console.WriteLine("satdaemon-tools");
