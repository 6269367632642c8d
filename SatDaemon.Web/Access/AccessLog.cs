using Microsoft.Extensions.Logging;

namespace SatDaemon.Web.Access;

/// <summary>
/// Log lines of the console's sign-in and changes. Event ids 4000–4099 are the web console's, never renumbered:
/// 4000–4009 sign-in, 4010–4019 changes.
/// </summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "console: {User} signed in ({Role}) from {Remote}")]
    public static partial void SignedIn(ILogger log, string user, string role, string? remote);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "console: wrong password for {User} from {Remote}")]
    public static partial void SignInFailed(ILogger log, string user, string? remote);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "console: {User} locked out until {Until} after repeated wrong passwords (last from {Remote})")]
    public static partial void LockedOut(ILogger log, string user, DateTimeOffset until, string? remote);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "console: users file unusable; nobody can sign in")]
    public static partial void UsersFileBroken(ILogger log, Exception e);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "console: {User} {Change}")]
    public static partial void Changed(ILogger log, string user, string change);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "console: refused {Method} {Path} ({Status}): {Reason}")]
    public static partial void Refused(ILogger log, string method, string path, int status, string reason);
}
