using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// What a live page's poll costs: its main part is rendered, hashed into an ETag, and a poll whose If-None-Match (sent
/// by the console's own script) names that hash gets 304 with no body. Ages ("heartbeat 12s ago") would change the
/// markup every second, so the hash leaves out the text of <c>span.age</c> (their data-at instant stays in): the
/// script recomputes those texts from data-at and the X-Console-Now header, which every poll carries.
/// </summary>
internal static partial class LiveRefresh
{
    public const string NowHeader = "X-Console-Now";

    /// <summary>Sets ETag and X-Console-Now; true when the browser already has this main part.</summary>
    public static bool NotModified(HttpContext http, SafeHtml main)
    {
        var tag = ETag(main);
        Stamp(http, tag);
        return http.Request.Headers.IfNoneMatch.Any(v => v == tag);
    }

    /// <summary>The headers every answer to a poll carries, 304 or not: the tag of its main part and the server's now.</summary>
    public static void Stamp(HttpContext http, string tag)
    {
        var time = http.RequestServices.GetRequiredService<ConsoleData>().Time;
        http.Response.Headers[NowHeader] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.ETag = tag;
        http.Response.Headers.CacheControl = "no-cache, no-store";
    }

    /// <summary>A strong ETag over the markup with the ages' texts taken out.</summary>
    public static string ETag(SafeHtml main)
    {
        var stable = AgeText().Replace(main.Markup, "$1</span>");
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stable)).AsSpan(0, 16)) + "\"";
    }

    [GeneratedRegex("""(<span class="age" data-at="[^"]*">)[^<]*</span>""")]
    private static partial Regex AgeText();
}
