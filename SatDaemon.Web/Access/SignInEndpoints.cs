using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SatDaemon.Web.Hosting;
using SatDaemon.Web.Pages;
using SatDaemon.WebUsers;

namespace SatDaemon.Web.Access;

/// <summary>GET/POST /signin and POST /signout.</summary>
internal static class SignInEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? @return, HttpContext http, AccessPolicy policy) =>
            policy.HasUsers
                ? PageEndpoints.Page(http, "Sign in", "", SignInPage.Render(ConsoleAccess.FormToken(http), LocalPath(@return), null), null)
                : PageEndpoints.Page(http, "Sign in", "", SignInPage.NoUsers(), null, 404));

        app.MapPost("/signin", async (HttpContext http, AccessPolicy policy, SignInThrottle throttle) =>
        {
            if (!policy.HasUsers) return PageEndpoints.Page(http, "Sign in", "", SignInPage.NoUsers(), null, 404);
            if (!await ValidTokenAsync(http))
                return PageEndpoints.Page(http, "Sign in", "", SignInPage.Render(ConsoleAccess.FormToken(http), "/", "the form's antiforgery token is missing or does not match: try again"), null, 400);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var (name, password, back) = (form["user"].ToString().Trim(), form["password"].ToString(), LocalPath(form["return"]));
            var log = ConsoleAccess.Log(http);
            var remote = http.Connection.RemoteIpAddress?.ToString();
            IResult Again(string message, int status) =>
                PageEndpoints.Page(http, "Sign in", "", SignInPage.Render(ConsoleAccess.FormToken(http), back, message), null, status);

            if (throttle.LockedUntil(name) is { } locked)
                return Again($"{name} is locked out after repeated wrong passwords until {locked.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", 403);
            WebUser? user;
            try
            {
                user = http.RequestServices.GetRequiredService<UserDirectory>().Verify(name, password);
            }
            catch (UsersFileException e)
            {
                AccessLog.UsersFileBroken(log, e);
                return Again("the console's users file cannot be read; see the console's log", 500);
            }
            if (user is null)
            {
                AccessLog.SignInFailed(log, name, remote);
                if (throttle.Failed(name) is { } until)
                {
                    AccessLog.LockedOut(log, name, until, remote);
                    return Again($"{name} is locked out after repeated wrong passwords until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", 403);
                }
                // One message for an unknown name and a wrong password: which of the two is not told.
                return Again("wrong user name or password", 401);
            }
            throttle.Succeeded(name);
            await ConsoleAccess.SignInAsync(http, user);
            AccessLog.SignedIn(log, user.Name, user.Role.Name(), remote);
            return Results.Redirect(back);
        });

        app.MapPost("/signout", async (HttpContext http) =>
        {
            if (!await ValidTokenAsync(http)) return Results.StatusCode(400);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
    }

    private static async Task<bool> ValidTokenAsync(HttpContext http)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>Only a path on this console: "return" is never a way to send someone elsewhere after signing in.</summary>
    private static string LocalPath(string? path) =>
        path is { Length: > 0 } p && p[0] == '/' && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) ? p : "/";
}
