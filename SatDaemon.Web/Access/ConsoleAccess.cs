using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.WebUsers;

namespace SatDaemon.Web.Access;

/// <summary>
/// Sign-in and who may do what, composed onto the console: cookie authentication, antiforgery tokens, the viewing gate
/// and the check every change passes (<see cref="CheckChangeAsync"/>). docs/security.md explains each choice.
/// </summary>
public static class ConsoleAccess
{
    public const string FormTokenField = "__csrf";

    /// <summary>Paths anyone reaches: the sign-in page, and the two a scraper and a health check need.</summary>
    private static readonly string[] OpenPaths = ["/signin", "/healthz", "/metrics"];

    public static void AddServices(IServiceCollection services, WebOptions web, TimeProvider time)
    {
        services.AddSingleton(new AccessPolicy(web));
        services.AddSingleton(new SignInThrottle(web.MaxFailedSignIns, web.Lockout, time));
        if (web.UsersFile is { } path) services.AddSingleton(new UserDirectory(path));
        // Keys in memory only: nothing secret is written to disk, and a restart signs everyone out.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "satdaemon.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // The console is usually reached over http through an SSH tunnel; behind TLS the cookie is marked Secure.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = RevalidateAsync;
            // The gate answers itself (redirect for pages, 401 for the rest); the handler never redirects on its own.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
        });
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = FormTokenField;
            o.HeaderName = null;
            o.Cookie.Name = "satdaemon.csrf";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    /// <summary>Authentication, then the viewing gate: pages redirect to the sign-in page, everything else gets 401.</summary>
    public static void Use(WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "/";
            var policy = http.RequestServices.GetRequiredService<AccessPolicy>();
            if (OpenPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) || policy.CanView(UserOf(http), IsLoopback(http)))
            {
                await next(http);
                return;
            }
            if (HttpMethods.IsGet(http.Request.Method) && !path.StartsWith("/api", StringComparison.Ordinal))
                http.Response.Redirect("/signin?return=" + Uri.EscapeDataString(path + http.Request.QueryString));
            else
                http.Response.StatusCode = 401;
        });
    }

    public static ConsoleUser UserOf(HttpContext http) => ConsoleUser.From(http.User);

    /// <summary>Whether the page should carry controls for this request's user.</summary>
    public static bool ShowsControls(HttpContext http) => http.RequestServices.GetRequiredService<AccessPolicy>().ShowsControls(UserOf(http));

    /// <summary>A fresh antiforgery token for forms on this page (it also sets the antiforgery cookie).</summary>
    public static string FormToken(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken ?? "";

    /// <summary>
    /// Every change passes here before anything is read from its form: read-only, no users, not signed in (401), not an
    /// operator (403), then the antiforgery token (400). Null: go ahead.
    /// </summary>
    public static async Task<Refusal?> CheckChangeAsync(HttpContext http)
    {
        var refusal = http.RequestServices.GetRequiredService<AccessPolicy>().RefuseChange(UserOf(http));
        if (refusal is null)
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                refusal = new Refusal(400, "the form's antiforgery token is missing or does not match: reload the page and try again");
            }
        }
        if (refusal is not null)
            AccessLog.Refused(Log(http), http.Request.Method, http.Request.Path.Value ?? "", refusal.Status, refusal.Reason);
        return refusal;
    }

    public static async Task SignInAsync(HttpContext http, WebUser user)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role.Name())],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public static bool IsLoopback(HttpContext http) => http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    internal static ILogger Log(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SatDaemon.Web.Access");

    /// <summary>The cookie stays valid only while its user is still in the users file with the same role.</summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext c)
    {
        var user = ConsoleUser.From(c.Principal ?? new ClaimsPrincipal());
        var directory = c.HttpContext.RequestServices.GetService<UserDirectory>();
        WebUser? now = null;
        try
        {
            if (directory is not null && user.Name is { } name) now = directory.Find(name);
        }
        catch (UsersFileException e)
        {
            AccessLog.UsersFileBroken(Log(c.HttpContext), e);
        }
        if (now is null || now.Role != user.Role)
        {
            c.RejectPrincipal();
            await c.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
