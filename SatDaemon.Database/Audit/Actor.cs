namespace SatDaemon.Database.Audit;

/// <summary>Who makes a control change and through what: recorded with every change in audit_log.</summary>
/// <param name="User">The OS user for ctl; the signed-in user for the console.</param>
/// <param name="Source">"ctl" or "web".</param>
public sealed record Actor(string User, string Source)
{
    public const string CtlSource = "ctl";
    public const string WebSource = "web";

    /// <summary>The OS user running satdaemon-tools (ctl, frame create, set-master, …).</summary>
    public static Actor OsUser() => new(Environment.UserName, CtlSource);

    public static Actor Web(string user) => new(user, WebSource);

    public override string ToString() => $"{User} ({Source})";
}
