namespace SatDaemon.WebUsers;

/// <summary>What a console user may do. Viewer: look. Operator: also change (every ctl operation the console offers).</summary>
public enum WebRole
{
    Viewer,
    Operator,
}

/// <summary>The roles' names as the users file and web-user spell them.</summary>
public static class WebRoles
{
    public const string ViewerName = "viewer";
    public const string OperatorName = "operator";

    public static string Name(this WebRole role) => role == WebRole.Operator ? OperatorName : ViewerName;

    public static bool TryParse(string text, out WebRole role)
    {
        (var ok, role) = text.Trim().ToLowerInvariant() switch
        {
            ViewerName => (true, WebRole.Viewer),
            OperatorName => (true, WebRole.Operator),
            _ => (false, WebRole.Viewer),
        };
        return ok;
    }
}
