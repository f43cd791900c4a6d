namespace Skiff.Core.Hashing;

/// <summary>
/// The files of a build context that are sent to the engine: everything under the folder except
/// what <c>.dockerignore</c> leaves out, but always the Dockerfile and the .dockerignore itself
/// (the engine needs both). The same list feeds the content hash and the build archive, so
/// the hash covers exactly what is built.
/// </summary>
public static class BuildContextFiles
{
    /// <summary>Relative '/'-separated paths of files, folders and symlinks, sorted ordinally.</summary>
    public static IReadOnlyList<ContextEntry> List(string contextDirectory, string dockerfile)
    {
        var root = Path.GetFullPath(contextDirectory);
        var ignore = DockerIgnore.ForContext(root);
        var alwaysSent = new HashSet<string>(StringComparer.Ordinal)
        {
            dockerfile.Replace('\\', '/').TrimStart('.', '/'),
            ".dockerignore",
        };
        var entries = new List<ContextEntry>();
        Walk(root, root, ignore, alwaysSent, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return entries;
    }

    private static void Walk(string root, string directory, DockerIgnore ignore, HashSet<string> alwaysSent, List<ContextEntry> entries)
    {
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
            var isLink = info.LinkTarget is not null;
            var isDirectory = info is DirectoryInfo && !isLink;
            if (ignore.IsIgnored(relative) && !alwaysSent.Contains(relative))
            {
                // An exception rule may re-include something below an ignored folder, so keep walking.
                if (isDirectory && !ignore.IsEmpty)
                    Walk(root, info.FullName, ignore, alwaysSent, entries);
                continue;
            }
            if (isDirectory)
            {
                entries.Add(new ContextEntry(relative, ContextEntryKind.Directory, info.FullName));
                Walk(root, info.FullName, ignore, alwaysSent, entries);
            }
            else
            {
                entries.Add(new ContextEntry(relative, isLink ? ContextEntryKind.Symlink : ContextEntryKind.File, info.FullName));
            }
        }
    }
}

/// <param name="RelativePath">'/'-separated, relative to the context.</param>
/// <param name="FullPath">The absolute path on disk.</param>
public sealed record ContextEntry(string RelativePath, ContextEntryKind Kind, string FullPath);

public enum ContextEntryKind
{
    File,
    Directory,
    Symlink,
}
