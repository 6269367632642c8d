using System.Diagnostics;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Web;

/// <summary>
/// A users file made the way an operator makes it: the real `satdaemon-tools web-user add`, the password on stdin. An
/// operator (olga) and a viewer (victor).
/// </summary>
public sealed class ConsoleUsers : IDisposable
{
    public const string Operator = "olga";
    public const string Viewer = "victor";
    public const string OperatorPassword = "olga-pass-1234";
    public const string ViewerPassword = "victor-pass-1234";

    private readonly TempDirectory _dir = new();

    private ConsoleUsers() { }

    public string UsersFile => _dir.Path("users");
    public string ConfigPath => _dir.Path("satdaemon.cfg");

    /// <param name="database">The config's database (web-user add does not open it).</param>
    public static async Task<ConsoleUsers> CreateAsync(string database = "sqlite:///unused.db")
    {
        var users = new ConsoleUsers();
        await File.WriteAllTextAsync(users.ConfigPath, new ConfigText(database).Set("WEB", "users_file", users.UsersFile).ToString());
        foreach (var (name, role, password) in new[] { (Operator, "operator", OperatorPassword), (Viewer, "viewer", ViewerPassword) })
        {
            var r = await users.AddAsync(name, role, password);
            if (r.ExitCode != 0) throw new InvalidOperationException("web-user add failed: " + r);
        }
        return users;
    }

    /// <summary>Runs `satdaemon-tools web-user add NAME --role ROLE` with <paramref name="password"/> as its stdin.</summary>
    public async Task<ToolResult> AddAsync(string name, string role, string password, params string[] more)
    {
        var psi = new ProcessStartInfo(ToolProcess.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { ToolProcess.ToolsDll, "web-user", "add", name, "--role", role, "-d", ConfigPath }.Concat(more)) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SATDAEMON_CONFIG");
        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteLineAsync(password);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return new ToolResult(p.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _dir.Dispose();
}
