using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using RlEnv.Core.Packing;

namespace RlEnv.Core.Tests.Support;

/// <summary>An artifact's members as an independent reader (System.Formats.Tar) sees them, in archive order.</summary>
internal static class ArtifactMembers
{
    public static List<(string Name, TarEntryType Type, byte[] Content)> Read(byte[] gz)
    {
        using var reader = new TarReader(new GZipStream(new MemoryStream(gz), CompressionMode.Decompress));
        var members = new List<(string, TarEntryType, byte[])>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            members.Add((entry.Name, entry.EntryType, content.ToArray()));
        }

        return members;
    }

    public static List<(string Name, TarEntryType Type, byte[] Content)> Read(IFileSystem fileSystem, PackResult result)
    {
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics.Select(d => d.ToCanonicalString())));
        return Read(fileSystem.File.ReadAllBytes(result.ArtifactPath!));
    }

    public static string Text(this (string Name, TarEntryType Type, byte[] Content) member) => System.Text.Encoding.UTF8.GetString(member.Content);
}
