using System.Threading.Channels;

namespace SatDaemon.Database.Ingest;

/// <summary>
/// ingest-files: adds every <c>*.zip</c> below <c>{data_dir}/T*/</c> to files, bursts, files2bursts and
/// frames2files. Zips are read in parallel; one writer commits them in batches. Idempotent; a bad zip is
/// reported in the <see cref="IngestReport"/> and the rest still go in.
/// </summary>
public sealed class FileIngester(SatDbFactory factory, TimeProvider? time = null)
{
    /// <summary>Zips per transaction: big enough to amortise the commit, small enough that a failure loses little.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Parallel zip readers; reading is CPU-bound (inflate + XML), so one per core.</summary>
    public int Readers { get; init; } = Environment.ProcessorCount;

    /// <exception cref="DirectoryNotFoundException"><paramref name="dataDir"/> does not exist.</exception>
    public async Task<IngestReport> IngestAsync(string dataDir, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var report = new IngestReport();
        var zips = ZipScanner.Find(dataDir, report.Unreadable);
        report.Found = zips.Count;
        var state = await IngestState.LoadAsync(factory, ct);

        // Known ids are skipped before any zip is opened: a re-run over a full archive costs a directory listing.
        // Junk (._X.zip, __MACOSX/X.zip) borrows a product's name, so it is reported on every run instead.
        var todo = zips.Where(z => ZipScanner.JunkReason(z) is not null || !state.KnownFiles.Contains(ZipScanner.Stem(z))).ToList();
        report.AlreadyKnown = zips.Count - todo.Count;
        var done = report.AlreadyKnown;
        progress?.Report(new IngestProgress(done, zips.Count, ""));

        var writer = new IngestBatchWriter(factory, state, report, time ?? TimeProvider.System);
        var channel = Channel.CreateBounded<ParsedZip>(new BoundedChannelOptions(BatchSize * 2) { SingleReader = true });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var consumer = Task.Run(async () =>
        {
            try
            {
                await WriteAllAsync(channel.Reader, writer, name => progress?.Report(new IngestProgress(++done, zips.Count, name)), cts.Token);
            }
            catch
            {
                // Stop the readers, which would otherwise wait for ever on a full channel.
                await cts.CancelAsync();
                throw;
            }
        }, CancellationToken.None);

        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Readers), CancellationToken = cts.Token };
            await Parallel.ForEachAsync(todo, options, async (zip, t) => await channel.Writer.WriteAsync(await ParsedZip.ReadAsync(zip, t), t));
            channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);
        }
        // The writer's own failure, if any, is the one worth reporting; else a reader's (cancellation).
        await consumer;
        ct.ThrowIfCancellationRequested();
        return report;
    }

    private async Task WriteAllAsync(ChannelReader<ParsedZip> reader, IngestBatchWriter writer, Action<string> handled, CancellationToken ct)
    {
        var batch = new List<ParsedZip>(BatchSize);
        while (await reader.WaitToReadAsync(ct))
        {
            while (batch.Count < BatchSize && reader.TryRead(out var zip)) batch.Add(zip);
            if (batch.Count < BatchSize && !reader.Completion.IsCompleted) continue;
            await writer.WriteAsync(batch, handled, ct);
            batch.Clear();
        }
        if (batch.Count > 0) await writer.WriteAsync(batch, handled, ct);
    }
}
