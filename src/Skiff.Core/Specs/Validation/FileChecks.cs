using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Specs.Validation;

/// <summary>Checks of paths a spec points at: inside the repository (following links), and present when file checks are on.</summary>
internal sealed class FileChecks(string root, bool checkFilesExist)
{
    private static readonly HashSet<string> EngineSockets =
        ["/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock", "/var/run/podman/podman.sock"];

    public string Display(string path) => RepositoryPaths.Display(root, path);

    public bool IsInside(string path) => RepositoryPaths.IsInside(root, path);

    public bool CheckExistence => checkFilesExist;

    public IEnumerable<SpecError> CheckBuild(BuildSpec build, string servicePath)
    {
        var path = $"{servicePath}.build";
        if (!IsInside(build.Context))
        {
            yield return new SpecError(build.Location, path, $"the build context '{Display(build.Context)}' is outside the repository; Skiff builds only from folders of the repository");
            yield break;
        }
        var dockerfile = Path.GetFullPath(Path.Combine(build.Context, build.Dockerfile));
        if (!IsInside(dockerfile))
        {
            yield return new SpecError(build.Location, path, $"the Dockerfile '{Display(dockerfile)}' is outside the repository");
            yield break;
        }
        if (!checkFilesExist)
            yield break;
        if (!Directory.Exists(build.Context))
        {
            yield return new SpecError(build.Location, path, File.Exists(build.Context)
                ? $"the build context '{Display(build.Context)}' is a file; expected the folder the image is built from"
                : $"the build context folder '{Display(build.Context)}' does not exist");
            yield break;
        }
        if (!File.Exists(dockerfile))
            yield return new SpecError(build.Location, path, $"the Dockerfile '{Display(dockerfile)}' does not exist; add it or name another with build.dockerfile");
    }

    public IEnumerable<SpecError> CheckMounts(AppSpec spec, ServiceSpec service, string servicePath)
    {
        var path = $"{servicePath}.volumes";
        foreach (var mount in service.Mounts)
        {
            if (mount.Type == MountType.Bind && mount.Source is { } source && !IsInside(source))
            {
                yield return new SpecError(mount.Location, path, EngineSockets.Contains(source)
                    ? $"mounting the engine socket '{source}' is refused: it would give the environment control of the host"
                    : $"the bind mount source '{Display(source)}' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)");
            }
            if (mount.Type == MountType.Volume && mount.Source is { } name && !spec.Volumes.Any(v => v.Name == name))
            {
                yield return new SpecError(mount.Location, path,
                    $"service '{service.Name}' refers to undefined volume '{name}'; declare it under the top-level 'volumes:' key");
            }
        }
    }

    public IEnumerable<SpecError> CheckFileMounts(ServiceSpec service)
    {
        foreach (var file in service.Files)
        {
            var section = file.Kind == FileMountKind.Secret ? "secrets" : "configs";
            var what = file.Kind == FileMountKind.Secret ? "secret" : "config";
            var path = $"{section}.{file.Name}.file";
            var at = file.DefinitionLocation ?? file.Location;
            if (!IsInside(file.SourcePath))
                yield return new SpecError(at, path, $"the {what} file '{Display(file.SourcePath)}' is outside the repository; keep it inside the repository");
            else if (checkFilesExist && !File.Exists(file.SourcePath))
                yield return new SpecError(at, path, $"the {what} file '{Display(file.SourcePath)}' does not exist");
        }
    }
}
