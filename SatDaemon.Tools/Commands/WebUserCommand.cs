using System.CommandLine;
using System.Text;
using SatDaemon.WebUsers;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// satdaemon-tools web-user add NAME [--role viewer|operator] [--replace]: a console user in the [WEB] users_file, the
/// password read from stdin (one line) or asked for twice on a terminal, stored as a salted PBKDF2 hash only.
/// </summary>
internal static class WebUserCommand
{
    /// <summary>Short passwords fall to guessing despite the lock-out (it is per user, and resets after its time).</summary>
    private const int MinPasswordLength = 10;

    public static Command Build()
    {
        var cmd = new Command("web-user", "manage the web console's users ([WEB] users_file)");
        cmd.Subcommands.Add(Add());
        return cmd;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "user name: letters, digits, . _ - (at most 64)" };
        var role = new Option<string>("--role") { Description = "viewer (look only) or operator (may change things); default viewer", DefaultValueFactory = _ => WebRoles.ViewerName };
        var replace = new Option<bool>("--replace") { Description = "the user exists: set a new password and role" };
        var cmd = new Command("add", "add a console user; the password is read from stdin (one line) or asked for on a terminal, and only its hash is stored") { name, role, replace };
        ToolRunner.SetAction(cmd, (pr, config, ct) =>
        {
            var user = pr.GetRequiredValue(name).Trim();
            if (!UsersFile.IsValidName(user)) throw new ArgumentException($"'{user}' is not a user name (letters, digits, . _ -, at most 64)");
            if (!WebRoles.TryParse(pr.GetRequiredValue(role), out var r)) throw new ArgumentException($"role '{pr.GetRequiredValue(role)}' is neither viewer nor operator");
            var path = config.Web.UsersFile ?? throw new ArgumentException($"[WEB] users_file is not set in {config.FilePath}: set it to the file the console reads its users from");
            var existing = File.Exists(path) ? UsersFile.Read(path) : [];
            if (existing.Any(u => u.Name == user) && !pr.GetValue(replace))
                throw new ArgumentException($"user {user} already exists in {path}; give --replace to set a new password and role");
            var password = ReadPassword(pr.InvocationConfiguration.Error);
            if (password.Length < MinPasswordLength) throw new ArgumentException($"the password is shorter than {MinPasswordLength} characters; nothing written");
            UsersFile.Save(path, new WebUser(user, r, PasswordHash.Create(password)));
            pr.InvocationConfiguration.Output.WriteLine($"{(existing.Any(u => u.Name == user) ? "replaced" : "added")} {user} ({r.Name()}) in {path}");
            return Task.FromResult(ToolRunner.Ok);
        }, checkDatabase: false);
        return cmd;
    }

    /// <summary>A pipe gives one line; a terminal is asked twice, without echo, so a typo does not lock the user out.</summary>
    private static string ReadPassword(TextWriter prompt)
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? throw new ArgumentException("no password on stdin (give it as one line)");
        prompt.Write("password: ");
        var first = ReadHidden();
        prompt.Write("again: ");
        var second = ReadHidden();
        return first == second ? first : throw new ArgumentException("the two passwords differ; nothing written");
    }

    private static string ReadHidden()
    {
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; continue; }
            sb.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return sb.ToString();
    }
}
