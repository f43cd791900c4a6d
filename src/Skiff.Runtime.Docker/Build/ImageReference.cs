namespace Skiff.Runtime.Docker.Build;

/// <summary>Small facts about image references, as far as pulling needs them.</summary>
internal static class ImageReference
{
    /// <summary>
    /// The reference with ":latest" added when it names neither tag nor digest: the create-image
    /// endpoint pulls every tag of a repository when given none.
    /// </summary>
    public static string WithDefaultTag(string image)
    {
        if (image.Contains('@'))
            return image;
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        return lastSegment.Contains(':') ? image : $"{image}:latest";
    }

    /// <summary>True when an engine's pull error says it could not reach the registry at all.</summary>
    public static bool IsUnreachable(string error) =>
        new[] { "no such host", "dial tcp", "connection refused", "i/o timeout", "network is unreachable", "pinging container registry", "TLS handshake timeout" }
            .Any(marker => error.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
