namespace SatDaemon.Tests.Web;

/// <summary>A browser test: skipped (with the reason) only where <see cref="SystemChromium.SkipReason"/> allows it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (SystemChromium.SkipReason is { } reason) Skip = reason;
    }
}
