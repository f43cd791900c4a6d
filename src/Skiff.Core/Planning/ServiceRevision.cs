using System.Collections.Immutable;
using System.Text.Json;
using Skiff.Core.Hashing;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;

namespace Skiff.Core.Planning;

/// <summary>
/// The container a service should run as, with the hash that identifies it: the hash covers the
/// whole container request (image tag, which for a built image is the hash of its context;
/// command, environment, ports, mounts, limits) and the contents of its secret and config files.
/// Same hash, same container: nothing to do.
/// </summary>
public sealed record ServiceRevision
{
    public required ServiceSpec Service { get; init; }

    public required ContainerRequest Request { get; init; }

    public required string Hash { get; init; }

    /// <summary>The build of the image, when the service is built rather than pulled.</summary>
    public ImageBuildRequest? Build { get; init; }

    /// <summary>True when the service mounts a named volume: it must never run twice at once on the same data.</summary>
    public bool IsStateful => Service.Mounts.Any(m => m.Type == MountType.Volume && m.Source is not null);

    /// <param name="sourceDirectory">The folder the spec was loaded from: paths under it are hashed relative to it, so the same commit checked out elsewhere (or an unchanged service in a new commit) keeps its hash.</param>
    public static ServiceRevision For(string environment, ServiceSpec service, ResourceLimits limits, string? sourceDirectory = null)
    {
        ImageBuildRequest? build = null;
        string image;
        if (service.Build is { } spec)
        {
            var contextHash = ContentHash.OfBuild(spec);
            image = EngineNames.BuiltImage(service.Name, contextHash);
            build = new ImageBuildRequest
            {
                Context = spec.Context,
                Dockerfile = spec.Dockerfile,
                Tag = image,
                Args = spec.Args,
                Target = spec.Target,
                Labels = ImmutableSortedDictionary<string, string>.Empty
                    .Add(EngineNames.ServiceLabel, service.Name)
                    .Add(EngineNames.HashLabel, contextHash),
            };
        }
        else
        {
            image = service.Image ?? throw new ArgumentException($"service '{service.Name}' has neither image nor build", nameof(service));
        }

        var request = new ContainerRequest
        {
            Environment = environment,
            Service = service.Name,
            Name = "",
            Image = image,
            Hash = "",
            Command = service.Command,
            Entrypoint = service.Entrypoint,
            EnvironmentVariables = service.Environment,
            WorkingDir = service.WorkingDir,
            User = service.User,
            Ports = [.. service.Ports.Select(p => new PublishedPort(p.ContainerPort, p.Protocol)).Distinct()],
            Expose = [.. service.Expose.Distinct()],
            Mounts = [.. Mounts(environment, service)],
            Restart = service.Restart,
            MemoryBytes = limits.MemoryBytes,
            NanoCpus = limits.Cpus is { } cpus ? (long)Math.Round(cpus * 1_000_000_000) : null,
        };

        var hash = HashOf(request, service, sourceDirectory);
        return new ServiceRevision
        {
            Service = service,
            Request = request with { Name = EngineNames.Container(environment, service.Name, hash), Hash = hash, SourceDirectory = sourceDirectory },
            Hash = hash,
            Build = build,
        };
    }

    private static IEnumerable<ContainerMount> Mounts(string environment, ServiceSpec service)
    {
        foreach (var mount in service.Mounts)
        {
            var source = mount.Type == MountType.Volume && mount.Source is not null
                ? EngineNames.Volume(environment, mount.Source)
                : mount.Source;
            yield return new ContainerMount(mount.Type, source, mount.Target, mount.ReadOnly);
        }
        foreach (var file in service.Files)
            yield return new ContainerMount(MountType.Bind, file.SourcePath, file.Target, ReadOnly: true);
    }

    private static string HashOf(ContainerRequest request, ServiceSpec service, string? sourceDirectory)
    {
        var relative = request with { Mounts = [.. request.Mounts.Select(m => m with { Source = Relative(m.Source, sourceDirectory) })] };
        var text = JsonSerializer.Serialize(relative);
        var files = service.Files.Select(f => $"{f.Target}={FileDigest(f.SourcePath)}");
        return ContentHash.OfText("skiff-service-v1\n" + text + "\n" + string.Join("\n", files));
    }

    private static string? Relative(string? path, string? root)
    {
        if (path is null || root is null || !Path.IsPathFullyQualified(path))
            return path;
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : "./" + relative.Replace('\\', '/');
    }

    private static string FileDigest(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))) : "missing";
}
