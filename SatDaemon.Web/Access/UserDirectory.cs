using SatDaemon.WebUsers;

namespace SatDaemon.Web.Access;

/// <summary>
/// The users file, read at each sign-in and each request's cookie check: a user added with web-user add can sign in at
/// once, and one removed (or made a viewer) loses the operator's rights at their next request, with no restart.
/// </summary>
public sealed class UserDirectory(string path)
{
    /// <summary>Compared against when the name is unknown, so a wrong name costs as long as a wrong password.</summary>
    private static readonly Lazy<string> DummyHash = new(() => PasswordHash.Create(Guid.NewGuid().ToString("N")));

    public string Path => path;

    /// <exception cref="UsersFileException">The file is missing or malformed.</exception>
    public WebUser? Find(string name) => UsersFile.Read(path).FirstOrDefault(u => u.Name == name);

    /// <summary>The user when <paramref name="password"/> is theirs; null for an unknown name or a wrong password.</summary>
    public WebUser? Verify(string name, string password)
    {
        var user = Find(name);
        var ok = PasswordHash.Verify(password, user?.Hash ?? DummyHash.Value);
        return user is not null && ok ? user : null;
    }
}
