using System.Text.RegularExpressions;

namespace SatDaemon.WebUsers;

/// <summary>
/// The console's users file ([WEB] users_file): one user a line, <c>NAME ROLE HASH</c> separated by blanks, ROLE viewer
/// or operator, HASH as <see cref="PasswordHash"/> writes it; blank lines and lines starting with # are ignored.
/// `satdaemon-tools web-user add` writes it. A line that is not of this form (a plain password, say) stops the reader
/// with a message naming the file and line: a console that silently dropped a user would be hard to explain.
/// </summary>
public static partial class UsersFile
{
    /// <summary>Names: letters, digits and . _ - (at most 64), so a name is never markup, a path or a separator.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <exception cref="UsersFileException">The file is missing or a line is malformed (file, line, what).</exception>
    public static IReadOnlyList<WebUser> Read(string path)
    {
        if (!File.Exists(path)) throw new UsersFileException($"users file {path} does not exist ([WEB] users_file); create it with satdaemon-tools web-user add");
        return Parse(path, File.ReadAllLines(path));
    }

    public static IReadOnlyList<WebUser> Parse(string path, IEnumerable<string> lines)
    {
        var users = new List<WebUser>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) throw Bad(path, n, "expected NAME ROLE HASH");
            if (!IsValidName(parts[0])) throw Bad(path, n, $"'{parts[0]}' is not a user name (letters, digits, . _ -)");
            if (!WebRoles.TryParse(parts[1], out var role)) throw Bad(path, n, $"role '{parts[1]}' is neither viewer nor operator");
            // Never echo the third field: it might be a password someone wrote there by mistake.
            if (!PasswordHash.IsHash(parts[2])) throw Bad(path, n, $"the password of {parts[0]} is not a hash (write it with satdaemon-tools web-user add)");
            if (users.Any(u => u.Name == parts[0])) throw Bad(path, n, $"user {parts[0]} appears twice");
            users.Add(new WebUser(parts[0], role, parts[2]));
        }
        return users;
    }

    /// <summary>
    /// Adds or replaces <paramref name="user"/>, keeping every other line (comments too). The file is written whole to
    /// a temporary file beside it and moved over it, readable by its owner only.
    /// </summary>
    public static void Save(string path, WebUser user)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# SatDaemon console users: NAME ROLE HASH (see satdaemon-tools web-user add)"];
        var line = $"{user.Name} {user.Role.Name()} {user.Hash}";
        var at = lines.FindIndex(l => l.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } p && p[0] == user.Name);
        if (at >= 0) lines[at] = line;
        else lines.Add(line);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var w = new StreamWriter(temp, options)) foreach (var l in lines) w.WriteLine(l);
        File.Move(temp, path, overwrite: true);
    }

    private static UsersFileException Bad(string path, int line, string what) => new($"users file {path} line {line}: {what}");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
