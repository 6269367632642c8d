namespace SatDaemon.Database.Init;

/// <summary>What init-database did; an idempotent second run reports no changes.</summary>
public sealed class InitReport
{
    public bool DatabaseCreated { get; set; }
    public List<string> MigrationsApplied { get; } = [];
    public int StagesSeeded { get; set; }
    public bool DaemonToolsCreated { get; set; }
    public int BurstsLoaded { get; set; }
    public int FramesLoaded { get; set; }

    public bool Changed => DatabaseCreated || MigrationsApplied.Count > 0 || StagesSeeded > 0 || DaemonToolsCreated || BurstsLoaded > 0 || FramesLoaded > 0;

    public override string ToString() => !Changed
        ? "database already initialised: nothing changed"
        : string.Join("; ", new[]
        {
            DatabaseCreated ? "database created" : null,
            MigrationsApplied.Count > 0 ? $"migrations applied: {string.Join(", ", MigrationsApplied)}" : null,
            StagesSeeded > 0 ? $"{StagesSeeded} processing stages seeded" : null,
            DaemonToolsCreated ? "daemon_tools row created" : null,
            BurstsLoaded > 0 ? $"{BurstsLoaded} bursts loaded" : null,
            FramesLoaded > 0 ? $"{FramesLoaded} frames loaded" : null,
        }.Where(s => s is not null));
}
