using System.Security.Claims;
using SatDaemon.WebUsers;

namespace SatDaemon.Web.Access;

/// <summary>Who is looking at a page: a signed-in user and their role, or nobody (anonymous).</summary>
public sealed record ConsoleUser(string? Name, WebRole? Role)
{
    public static readonly ConsoleUser Anonymous = new(null, null);

    public bool IsSignedIn => Name is not null;

    public static ConsoleUser From(ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, Name: { } name }
        && WebRoles.TryParse(principal.FindFirstValue(ClaimTypes.Role) ?? "", out var role)
            ? new ConsoleUser(name, role)
            : Anonymous;
}
