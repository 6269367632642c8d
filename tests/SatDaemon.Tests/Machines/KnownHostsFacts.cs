using System.Diagnostics;
using SatDaemon.Machines;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Machines;

/// <summary>
/// known_hosts files written and hashed by OpenSSH's own ssh-keygen: whether a host:port is on record is what
/// `ssh-keygen -F` says, and our verdict must agree with it.
/// </summary>
public sealed class KnownHostsFacts(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("127.0.0.1", 52201)]
    [InlineData("127.0.0.1", 22)]
    [InlineData("proc1.example", 22)]
    [InlineData("PROC1.example", 22)]
    [InlineData("proc2.example", 2222)]
    [InlineData("proc3.example", 22)]
    [InlineData("127.0.0.2", 52201)]
    [InlineData("proc2.example", 22)]
    public async Task A_host_is_trusted_exactly_when_ssh_keygen_finds_it_with_that_key(string host, int port)
    {
        var (type, key) = await NewKeyAsync("machine");
        var lines = new[]
        {
            $"[127.0.0.1]:52201 {type} {Convert.ToBase64String(key)}",
            $"127.0.0.1 {type} {Convert.ToBase64String(key)}",
            $"proc1.example,[proc2.example]:2222 {type} {Convert.ToBase64String(key)} a comment",
        };
        foreach (var hashed in new[] { false, true })
        {
            var file = _dir.Path(hashed ? "known_hosts.hashed" : "known_hosts");
            await File.WriteAllLinesAsync(file, lines);
            if (hashed) await RunAsync("ssh-keygen", "-H", "-f", file);
            var name = port == 22 ? host : $"[{host}]:{port}";
            var found = (await RunAsync("ssh-keygen", "-F", name, "-f", file)).Exit == 0;
            output.WriteLine($"{(hashed ? "hashed" : "plain")}: ssh-keygen -F {name}: {(found ? "found" : "not found")}");

            var verdict = KnownHosts.Load(file).Check(host, port, type, key);

            Assert.Equal(found ? HostKeyVerdict.Trusted : HostKeyVerdict.Unknown, verdict);
        }
    }

    [Fact]
    public async Task Another_key_of_the_same_type_for_a_known_host_is_a_changed_key()
    {
        var (type, key) = await NewKeyAsync("machine");
        var (_, impostor) = await NewKeyAsync("impostor");
        var file = _dir.Path("known_hosts");
        await File.WriteAllTextAsync(file, $"[127.0.0.1]:52201 {type} {Convert.ToBase64String(key)}\n");
        await RunAsync("ssh-keygen", "-H", "-f", file);

        var hosts = KnownHosts.Load(file);

        Assert.Equal(HostKeyVerdict.Changed, hosts.Check("127.0.0.1", 52201, type, impostor));
        Assert.Equal(HostKeyVerdict.Trusted, hosts.Check("127.0.0.1", 52201, type, key));
    }

    [Fact]
    public async Task A_revoked_key_is_never_trusted_and_comments_and_blank_lines_are_ignored()
    {
        var (type, key) = await NewKeyAsync("machine");
        var b64 = Convert.ToBase64String(key);
        var hosts = KnownHosts.Parse(["# a comment", "", $"@revoked [127.0.0.1]:52201 {type} {b64}", $"[127.0.0.1]:52201 {type} {b64}"]);

        Assert.Equal(HostKeyVerdict.Changed, hosts.Check("127.0.0.1", 52201, type, key));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = _dir.Path("nowhere/known_hosts");
        var e = Assert.Throws<FileNotFoundException>(() => KnownHosts.Load(path));
        Assert.Contains(path, e.Message);
    }

    private async Task<(string Type, byte[] Key)> NewKeyAsync(string name)
    {
        var file = _dir.Path(name);
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file);
        var pub = (await File.ReadAllTextAsync(file + ".pub")).Split(' ');
        return (pub[0], Convert.FromBase64String(pub[1]));
    }

    private static async Task<(int Exit, string Stdout)> RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, stdout);
    }

    public void Dispose() => _dir.Dispose();
}
