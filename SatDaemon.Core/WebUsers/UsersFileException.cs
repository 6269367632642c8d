namespace SatDaemon.WebUsers;

/// <summary>
/// The users file is missing or a line of it is malformed; the message names the file and line. A FormatException, so
/// the tools report it on one line with exit 2 like other bad input.
/// </summary>
public sealed class UsersFileException(string message) : FormatException(message);
