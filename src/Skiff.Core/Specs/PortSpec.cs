namespace Skiff.Core.Specs;

/// <summary>One entry of <c>ports:</c>.</summary>
/// <param name="ContainerPort">The port inside the container.</param>
/// <param name="HostPort">The host port Compose would bind; Skiff only validates it (routes use a random 127.0.0.1 port).</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="HostIp">The host address Compose would bind, if given.</param>
public sealed record PortSpec(int ContainerPort, int? HostPort = null, string Protocol = "tcp", string? HostIp = null)
{
    /// <summary>Where the entry was written, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }
}
