using SatDaemon.WebUsers;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>satdaemon-tools web-user add, the real process: the password from stdin, only a salted hash stored.</summary>
public sealed class WebUserToolFacts(ITestOutputHelper output)
{
    [Fact]
    public async Task Add_stores_a_salted_hash_that_verifies_and_never_the_password()
    {
        using var users = await ConsoleUsers.CreateAsync();

        var text = await File.ReadAllTextAsync(users.UsersFile);
        var lines = UsersFile.Read(users.UsersFile);
        output.WriteLine(text);

        Assert.DoesNotContain(ConsoleUsers.OperatorPassword, text);
        Assert.Equal([("olga", WebRole.Operator), ("victor", WebRole.Viewer)], lines.Select(u => (u.Name, u.Role)));
        Assert.True(PasswordHash.Verify(ConsoleUsers.OperatorPassword, lines[0].Hash));
        Assert.False(PasswordHash.Verify(ConsoleUsers.ViewerPassword, lines[0].Hash));
        // A per-user salt: the same password twice gives two different hashes.
        Assert.NotEqual(PasswordHash.Create("same-password-1"), PasswordHash.Create("same-password-1"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(users.UsersFile));
    }

    [Theory]
    [InlineData("olga", "operator", "another-pass-123", "already exists")]
    [InlineData("eve", "admin", "another-pass-123", "neither viewer nor operator")]
    [InlineData("eve", "viewer", "short", "shorter than 10")]
    [InlineData("e/v<e>", "viewer", "another-pass-123", "is not a user name")]
    public async Task Bad_input_exits_2_with_one_line_and_leaves_the_file_as_it_was(string name, string role, string password, string message)
    {
        using var users = await ConsoleUsers.CreateAsync();
        var before = await File.ReadAllTextAsync(users.UsersFile);

        var r = await users.AddAsync(name, role, password);
        output.WriteLine(r.ToString());

        Assert.Equal(2, r.ExitCode);
        var error = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Single(error);
        Assert.Contains(message, error[0]);
        Assert.Equal(before, await File.ReadAllTextAsync(users.UsersFile));
    }

    [Fact]
    public async Task Replace_sets_a_new_password_and_role_keeping_the_other_users()
    {
        using var users = await ConsoleUsers.CreateAsync();

        var r = await users.AddAsync("victor", "operator", "victor-new-pass-1", "--replace");
        var lines = UsersFile.Read(users.UsersFile);
        output.WriteLine(r.ToString());

        Assert.Equal(0, r.ExitCode);
        Assert.Equal([("olga", WebRole.Operator), ("victor", WebRole.Operator)], lines.Select(u => (u.Name, u.Role)));
        Assert.True(PasswordHash.Verify("victor-new-pass-1", lines[1].Hash));
    }

    [Fact]
    public void A_plain_password_in_the_users_file_is_refused_naming_the_line_but_not_the_password()
    {
        var e = Assert.Throws<UsersFileException>(() => UsersFile.Parse("/etc/satdaemon/users", ["# users", "olga operator hunter2-plain"]));

        Assert.Equal("users file /etc/satdaemon/users line 2: the password of olga is not a hash (write it with satdaemon-tools web-user add)", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }
}
