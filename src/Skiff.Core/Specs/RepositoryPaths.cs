using System.Text.RegularExpressions;

namespace Skiff.Core.Specs;

/// <summary>
/// Path rules: relative paths resolve against the declaring file's base folder, every path a spec
/// reads or mounts must stay inside the repository (following symbolic links), and remote
/// references are recognised so they can be refused.
/// </summary>
internal static partial class RepositoryPaths
{
    [GeneratedRegex(@"^[A-Za-z]:[\\/]", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsAbsolute();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex UriScheme();

    /// <summary>How a file is named in messages: relative to the repository with '/', or absolute when outside it.</summary>
    public static string Display(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        if (relative == ".")
            return Path.GetFileName(fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            return fullPath;
        return relative.Replace('\\', '/');
    }

    public static bool IsWindowsPath(string path) => WindowsAbsolute().IsMatch(path);

    public static bool IsHomePath(string path) => path == "~" || path.StartsWith("~/", StringComparison.Ordinal);

    /// <summary>A git, http(s), ssh or other URL-like reference (<c>git@host:repo</c>, <c>oci://…</c>) rather than a local path.</summary>
    public static bool IsRemote(string reference) =>
        reference.StartsWith("git@", StringComparison.Ordinal) ||
        reference.StartsWith("github.com/", StringComparison.Ordinal) ||
        (UriScheme().IsMatch(reference) && !IsWindowsPath(reference));

    /// <summary>The absolute form of <paramref name="path"/> relative to <paramref name="baseDirectory"/>, or null when it is not a usable local path.</summary>
    public static string? Resolve(string baseDirectory, string path)
    {
        if (path.Length == 0 || IsWindowsPath(path) || IsHomePath(path) || path.Contains('\0'))
            return null;
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(baseDirectory, path)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>Why a local path cannot be used, for messages (null when <see cref="Resolve"/> accepts it).</summary>
    public static string? ExplainUnusable(string path)
    {
        if (path.Length == 0)
            return "the path is empty (is a variable unset?)";
        if (IsWindowsPath(path))
            return $"'{path}' is a Windows path; Skiff runs environments on Linux and uses paths inside the repository";
        if (IsHomePath(path))
            return $"'{path}' is in a home folder, outside the repository; use a path inside the repository";
        return Resolve(".", path) is null ? $"'{path}' is not a valid path" : null;
    }

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="root"/> or inside it, also after following
    /// every symbolic link on the way (so a link in the repository cannot lead outside it).
    /// </summary>
    public static bool IsInside(string root, string path)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var fullPath = Path.GetFullPath(path);
        if (!IsUnder(fullRoot, fullPath))
            return false;

        var current = fullRoot;
        var relative = Path.GetRelativePath(fullRoot, fullPath);
        if (relative == ".")
            return true;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (!TryFollowLink(next, out var target))
                return false;
            current = target ?? next;
            if (!IsUnder(fullRoot, current))
                return false;
        }
        return true;
    }

    private static bool IsUnder(string root, string path) =>
        path.Equals(root, StringComparison.Ordinal) ||
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
        (root.EndsWith(Path.DirectorySeparatorChar) && path.StartsWith(root, StringComparison.Ordinal));

    /// <summary>The final target when <paramref name="path"/> is a symbolic link (null when it is not one); false when the link cannot be resolved.</summary>
    private static bool TryFollowLink(string path, out string? target)
    {
        target = null;
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.LinkTarget is null)
                return true;
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            if (final is null)
                return false;
            target = Path.GetFullPath(final.FullName);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
