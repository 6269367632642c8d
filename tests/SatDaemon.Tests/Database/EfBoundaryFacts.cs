using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Database;

/// <summary>
/// The persistence project alone speaks EF Core (docs/design.md, "Projects"): read from the sources, no file of the
/// daemon, the tools, the controller, the job runtime, the core or the demo names EF Core or the DbContext. The console
/// (SatDaemon.Web) still has its own read queries and is listed apart, so a new EF user anywhere else fails here.
/// </summary>
public sealed class EfBoundaryFacts(ITestOutputHelper output)
{
    private static readonly string[] EfNames = ["Microsoft.EntityFrameworkCore", "SatDbContext"];

    [Fact]
    public void Only_the_persistence_project_and_the_consoles_read_queries_use_EF()
    {
        var users = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in Directory.GetDirectories(RepoPaths.Root, "SatDaemon*"))
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            if (relative.Contains("/obj/") || relative.Contains("/bin/") || relative.StartsWith("SatDaemon.Database/", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            if (EfNames.Any(n => text.Contains(n, StringComparison.Ordinal))) users.Add(relative);
        }
        foreach (var u in users) output.WriteLine("uses EF: " + u);

        var outsideWeb = users.Where(u => !u.StartsWith("SatDaemon.Web/", StringComparison.Ordinal)).ToList();
        Assert.Empty(outsideWeb);
    }
}
