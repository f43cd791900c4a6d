using System.Formats.Tar;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Containers;

/// <summary>A tar archive holding one file at an absolute path, for the engine's archive upload at "/".</summary>
internal static class SingleFileArchive
{
    public static MemoryStream Create(string path, ReadOnlyMemory<byte> content, DateTimeOffset modified)
    {
        var entryName = EntryName(path);
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            // Only the file itself: an entry for a parent folder would reset the mode and owner of a
            // folder that exists (say /tmp). The engines create missing parent folders themselves.
            using var data = new MemoryStream(content.ToArray(), writable: false);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName)
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = modified,
                DataStream = data,
            });
        }
        archive.Position = 0;
        return archive;
    }

    /// <summary>The path relative to "/", refusing paths that are not absolute or climb with "..".</summary>
    public static string EntryName(string path)
    {
        if (!path.StartsWith('/') || path.EndsWith('/'))
            throw new DriverException($"cannot copy a file to '{path}': the path must be an absolute file path");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".."))
            throw new DriverException($"cannot copy a file to '{path}': the path must not contain '.' or '..'");
        return string.Join('/', segments);
    }
}
