namespace Skiff.Runtime.Docker.Usage;

/// <summary>
/// Sizes volumes by walking their mount points, for an engine on this host: the fallback when the
/// engine's own disk usage fails as a whole (Podman 4.3 fails <c>/system/df</c> for every caller
/// while any one volume on the engine is broken — its folder gone, its record left).
/// </summary>
internal static class LocalVolumeSizes
{
    /// <summary>The bytes of the regular files under <paramref name="mountpoint"/>; null when it is not a folder this process can read.</summary>
    public static long? Measure(string? mountpoint)
    {
        if (string.IsNullOrEmpty(mountpoint) || !Path.IsPathFullyQualified(mountpoint) || !Directory.Exists(mountpoint))
            return null;
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
            return new DirectoryInfo(mountpoint).EnumerateFiles("*", options).Sum(file => file.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
