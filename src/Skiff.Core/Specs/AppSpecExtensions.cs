namespace Skiff.Core.Specs;

public static class AppSpecExtensions
{
    /// <summary>Container ports of well-known protocols that are not HTTP (databases, queues, caches, SSH, SMTP, DNS).</summary>
    public static IReadOnlySet<int> NonHttpPorts { get; } = new HashSet<int> { 5432, 3306, 6379, 27017, 1433, 5672, 9092, 11211, 22, 25, 53 };

    /// <summary>
    /// The name of the service that answers at the environment's URL: the one <c>public:</c> names,
    /// else the first service (in declaration order) publishing a TCP port that is not a well-known
    /// non-HTTP port; null when there is none.
    /// </summary>
    public static string? ResolvePublicService(this AppSpec spec)
    {
        if (spec.Settings.PublicService is { } name)
            return name;
        return spec.Services.FirstOrDefault(s => s.Ports.Any(p => p.Protocol == "tcp" && !NonHttpPorts.Contains(p.ContainerPort)))?.Name;
    }
}
