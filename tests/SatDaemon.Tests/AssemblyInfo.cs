// The tests drive Linux processes, sshd and file modes; they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
