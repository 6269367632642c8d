using System.IO.Compression;
using System.Text;

namespace SatDaemon.Tests.Ingest;

/// <summary>Builds deliberately damaged or unusual zips from the real test products.</summary>
internal static class TestZips
{
    /// <summary>
    /// Copies <paramref name="source"/> entry by entry. <paramref name="transform"/> gets each entry name and text
    /// and returns the new name and text, or null to drop the entry. <paramref name="extra"/> entries are appended.
    /// </summary>
    public static string Rewrite(string source, string destination,
        Func<string, string, (string Name, string Text)?> transform,
        params (string Name, string Text)[] extra)
    {
        using (var input = ZipFile.OpenRead(source))
        using (var output = ZipFile.Open(destination, ZipArchiveMode.Create))
        {
            foreach (var entry in input.Entries)
            {
                string text;
                using (var reader = new StreamReader(entry.Open()))
                    text = reader.ReadToEnd();
                if (transform(entry.FullName, text) is { } result)
                    Add(output, result.Name, result.Text);
            }

            foreach (var (name, text) in extra)
                Add(output, name, text);
        }

        return destination;
    }

    /// <summary>The first <paramref name="fraction"/> of the bytes, as an interrupted download leaves it.</summary>
    public static string Truncate(string source, string destination, double fraction)
    {
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(destination, bytes[..(int)(bytes.Length * fraction)]);
        return destination;
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
