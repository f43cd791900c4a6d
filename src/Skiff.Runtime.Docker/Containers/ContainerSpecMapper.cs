using Docker.DotNet.Models;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker.Containers;

/// <summary>Turns a <see cref="ContainerRequest"/> into the engine's create-container body.</summary>
internal static class ContainerSpecMapper
{
    /// <summary>Where published ports listen: only this host can reach them; the router forwards the rest.</summary>
    public const string PublishAddress = "127.0.0.1";

    public static CreateContainerParameters ToCreateParameters(ContainerRequest request, string network)
    {
        var exposed = new Dictionary<string, EmptyStruct>();
        var bindings = new Dictionary<string, IList<PortBinding>>();
        foreach (var port in request.Ports)
        {
            var key = PortKey(port.ContainerPort, port.Protocol);
            exposed[key] = default;
            // An empty HostPort asks for a random free port. Podman 4.3 takes "" and "0" alike; Docker documents "".
            bindings[key] = [new PortBinding { HostIP = PublishAddress, HostPort = "" }];
        }
        foreach (var port in request.Expose)
            exposed.TryAdd(PortKey(port, "tcp"), default);

        var parameters = new CreateContainerParameters
        {
            Name = request.Name,
            Image = request.Image,
            Labels = LabelFilters.ForContainer(request),
            Env = [.. request.EnvironmentVariables.Select(pair => $"{pair.Key}={pair.Value}")],
            // Skiff runs health checks itself (by exec), so the image's own HEALTHCHECK is switched off
            // rather than run twice. (Podman schedules image health checks with systemd timers, which
            // a host without systemd lacks: it logs an error per container and never runs them.)
            Healthcheck = new HealthcheckConfig { Test = ["NONE"] },
            HostConfig = new HostConfig
            {
                NetworkMode = network,
                RestartPolicy = RestartPolicyParser.Parse(request.Restart),
                Memory = request.MemoryBytes ?? 0,
                NanoCPUs = request.NanoCpus ?? 0,
            },
            NetworkingConfig = new NetworkingConfig
            {
                // The service name as an alias lets the other services reach it as http://<service>:<port>.
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [network] = new EndpointSettings { Aliases = [request.Service] },
                },
            },
        };
        // Unset fields stay out of the request, so the image's defaults apply.
        if (request.Command is { } command)
            parameters.Cmd = [.. command];
        if (MapEntrypoint(request.Entrypoint) is { } entrypoint)
            parameters.Entrypoint = entrypoint;
        if (!string.IsNullOrEmpty(request.WorkingDir))
            parameters.WorkingDir = request.WorkingDir;
        if (!string.IsNullOrEmpty(request.User))
            parameters.User = request.User;
        if (exposed.Count > 0)
            parameters.ExposedPorts = exposed;
        if (bindings.Count > 0)
            parameters.HostConfig.PortBindings = bindings;
        if (!request.Mounts.IsDefaultOrEmpty)
            parameters.HostConfig.Mounts = [.. request.Mounts.Select(MapMount)];
        return parameters;
    }

    public static string PortKey(int port, string protocol) =>
        $"{port}/{(string.IsNullOrEmpty(protocol) ? "tcp" : protocol.ToLowerInvariant())}";

    /// <summary>
    /// Null keeps the image's entrypoint; an empty list resets it. The reset is sent as <c>[""]</c>,
    /// as the Docker CLI does for <c>--entrypoint ""</c>: Podman 4.3 treats <c>[]</c> like "not given"
    /// and keeps the image's entrypoint, while both engines read <c>[""]</c> as "none".
    /// </summary>
    public static IList<string>? MapEntrypoint(System.Collections.Immutable.ImmutableArray<string>? entrypoint) => entrypoint switch
    {
        null => null,
        { IsDefaultOrEmpty: true } => [""],
        { } list => [.. list],
    };

    public static Mount MapMount(ContainerMount mount) => mount.Type switch
    {
        MountType.Bind => new Mount
        {
            Type = "bind",
            Source = mount.Source ?? throw new DriverException($"bind mount at {mount.Target} has no host path"),
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
        },
        // A volume mount without a source is an anonymous volume: the engine creates it and removes it with the container.
        _ => new Mount
        {
            Type = "volume",
            Source = mount.Source ?? "",
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
        },
    };
}
