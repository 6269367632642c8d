using SatDaemon.Configuration;
using SatDaemon.WebUsers;

namespace SatDaemon.Web.Access;

/// <summary>
/// Who may view and who may change, from [WEB]: pure rules, every "no" with its reason and HTTP status. Safe by default:
/// a console that can change things refuses unless an operator signed in, and read_only refuses even them.
/// </summary>
public sealed class AccessPolicy(WebOptions web)
{
    /// <summary>Whether the console has users at all; without, it is the view-only console it always was.</summary>
    public bool HasUsers => web.UsersFile is not null;

    public bool ReadOnly => web.ReadOnly;

    /// <summary>
    /// No users file: anyone who reaches the console views (as before sign-in existed; keep it on loopback). With one:
    /// a signed-in user, or anyone on loopback when anonymous_view is set.
    /// </summary>
    public bool CanView(ConsoleUser user, bool fromLoopback) =>
        !HasUsers || user.IsSignedIn || (web.AnonymousView && fromLoopback);

    /// <summary>Null when <paramref name="user"/> may change things; else why not and the status to answer with.</summary>
    public Refusal? RefuseChange(ConsoleUser user) =>
        web.ReadOnly ? new Refusal(403, "the console is read-only ([WEB] read_only = true): nothing can be changed here")
        : !HasUsers ? new Refusal(403, "the console has no users ([WEB] users_file is not set), so nobody may change anything here")
        : !user.IsSignedIn ? new Refusal(401, "sign in as an operator to change anything")
        : user.Role != WebRole.Operator ? new Refusal(403, $"{user.Name} is a viewer; changes need an operator")
        : null;

    /// <summary>Whether the pages show controls to <paramref name="user"/>: exactly when a change would be accepted.</summary>
    public bool ShowsControls(ConsoleUser user) => RefuseChange(user) is null;
}

/// <summary>A refused request: the status (401 not signed in, 403 not allowed) and the reason shown to the user.</summary>
public sealed record Refusal(int Status, string Reason);
