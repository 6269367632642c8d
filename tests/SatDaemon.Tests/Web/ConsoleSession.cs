using System.Net;
using System.Text.RegularExpressions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// A browser-less visitor of the console with its own cookies: signs in through the real form, reads antiforgery tokens
/// out of the pages, and can post with or without one (what a forged request would do).
/// </summary>
public sealed partial class ConsoleSession(string baseUrl) : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private HttpClient? _http;

    private HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<HttpResponseMessage> GetAsync(string path) => await Http.GetAsync(path);

    public async Task<string> GetTextAsync(string path) => await (await Http.GetAsync(path)).Content.ReadAsStringAsync();

    /// <summary>GET /signin for a token, then POST the form; the response as the server gave it (302 on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        var token = TokenIn(await GetTextAsync("/signin"));
        return await PostAsync("/signin", new() { ["user"] = user, ["password"] = password, ["return"] = "/" }, token);
    }

    /// <summary>Posts <paramref name="fields"/>; with <paramref name="token"/> null, no antiforgery field is sent.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string? token)
    {
        var all = new Dictionary<string, string>(fields);
        if (token is not null) all["__csrf"] = token;
        return await Http.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>The first antiforgery token in a page's forms.</summary>
    public static string TokenIn(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token in the page");

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _http?.Dispose();
}
