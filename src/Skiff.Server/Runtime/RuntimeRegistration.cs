using Skiff.Core.Deploy;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker;
using Skiff.Server.Configuration;
using Skiff.Core.Environments;

namespace Skiff.Server.Runtime;

/// <summary>
/// The runtime's room in the server's composition: the one place that knows which runtimes exist.
/// <c>runtime: docker</c> (the default) registers the container runtime on a Docker Engine API; a
/// new runtime is one more case here and a project of its own implementing <see cref="IEnvironmentRuntime"/>.
/// </summary>
public static class RuntimeRegistration
{
    public static IServiceCollection AddSkiffRuntime(this IServiceCollection services, SkiffServerOptions options)
    {
        switch (options.Runtime)
        {
            case "docker":
                services.AddSingleton(new DockerDriverOptions { Endpoint = DockerDriverOptions.EndpointFrom(options.DockerHost) });
                services.AddSingleton<DockerDriver>();
                services.AddSingleton<IContainerEngine>(provider => provider.GetRequiredService<DockerDriver>());
                services.AddSingleton(new DeployOptions());
                services.AddSingleton<EnvironmentDeployer>();
                services.AddSingleton<IEnvironmentRuntime, DockerRuntime>();
                break;
            default:
                throw new ServerConfigException($"runtime: '{options.Runtime}' is not a runtime this server knows (expected {string.Join(" or ", SkiffServerOptions.Runtimes)})");
        }
        services.AddSingleton<EngineStatus>();
        return services;
    }
}
