using SatDaemon.Web.Access;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>The sign-in form (user, password, antiforgery token, where to go back to) and its message.</summary>
internal static class SignInPage
{
    public static SafeHtml Render(string token, string back, string? message)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Sign in</h1>""");
        if (message is not null) h.Add($"""<p class="control-error" id="signin-message">{message}</p>""");
        h.Add($"""<form method="post" action="/signin" id="signin" class="control"><input type="hidden" name="{ConsoleAccess.FormTokenField}" value="{token}"><input type="hidden" name="return" value="{back}">""");
        h.Add($"""<p><label>user <input name="user" autocomplete="username" required></label></p><p><label>password <input name="password" type="password" autocomplete="current-password" required></label></p><p><button>sign in</button></p></form>""");
        return h.ToHtml();
    }

    public static SafeHtml NoUsers() =>
        new HtmlBuilder().Add($"""<h1>No sign-in</h1><p>This console has no users ([WEB] users_file is not set): it shows everything and changes nothing.</p>""").ToHtml();
}
