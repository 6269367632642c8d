using Microsoft.EntityFrameworkCore;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Database;

/// <summary>
/// A database copied from the test template is what init-database's initializer makes — the same tables and columns,
/// migrations, stages and rows — except that every copy is its own installation (its own identity).
/// </summary>
public sealed class DatabaseTemplateFacts(ITestOutputHelper output)
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_copy_of_the_template_is_what_the_initializer_makes_with_its_own_identity(TestProvider provider)
    {
        await using var made = await TestDatabases.CreateAsync(provider, initialize: false);
        await made.InitializeAsync();
        await using var first = await TestDatabases.CreateAsync(provider);
        await using var second = await TestDatabases.CreateAsync(provider);
        output.WriteLine($"template on: {DatabaseTemplate.Enabled}; PostgreSQL template {DatabaseTemplate.PostgresTemplateName}");

        var want = await DescribeAsync(made);
        foreach (var copy in new[] { first, second })
        {
            var got = await DescribeAsync(copy);
            output.WriteLine($"{copy}: {got.Columns.Count} columns, migrations [{string.Join(", ", got.Migrations)}], {got.Rows}");
            Assert.Equal(want.Columns, got.Columns);
            Assert.Equal(want.Migrations, got.Migrations);
            Assert.Equal(want.Rows, got.Rows);
        }
        var ids = new[] { await InstanceAsync(made), await InstanceAsync(first), await InstanceAsync(second) };
        output.WriteLine("identities: " + string.Join(", ", ids));
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{16}$", id));
        Assert.Equal(3, ids.Distinct().Count());
    }

    private sealed record Description(List<string> Columns, List<string> Migrations, string Rows);

    private static async Task<Description> DescribeAsync(ITestDatabase db)
    {
        var columns = (await DbSchema.ColumnsAsync(db.Factory)).SelectMany(t => t.Value.Select(c => $"{t.Key}.{c}")).Order(StringComparer.Ordinal).ToList();
        await using var ctx = db.Factory.Create();
        var migrations = (await ctx.Database.GetAppliedMigrationsAsync()).ToList();
        var stages = string.Join(",", await ctx.MasterProcStages.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync())
            + ";" + string.Join(",", await ctx.IfgProcStages.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync())
            + ";" + string.Join(",", await ctx.RsarIfgProcStages.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync())
            + ";" + string.Join(",", await ctx.FrameProcStages.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync());
        var rows = $"stages {stages}; daemon_tools {await ctx.DaemonTools.CountAsync()}; job_ids {await ctx.JobIds.CountAsync()}; "
            + $"frames {await ctx.Frames.CountAsync()}; pending {await ctx.PendingJobs.CountAsync()}";
        return new Description(columns, migrations, rows);
    }

    private static async Task<string> InstanceAsync(ITestDatabase db)
    {
        await using var ctx = db.Factory.Create();
        return await ctx.DaemonTools.Select(d => d.InstanceId).SingleAsync() ?? "(none)";
    }
}
