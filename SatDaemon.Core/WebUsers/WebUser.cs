namespace SatDaemon.WebUsers;

/// <summary>One line of the users file: a console user, their role and password hash.</summary>
public sealed record WebUser(string Name, WebRole Role, string Hash);
