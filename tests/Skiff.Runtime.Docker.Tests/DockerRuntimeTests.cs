using Skiff.Core.Deploy;
using Skiff.Core.Specs.Loading;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

/// <summary>The runtime contract on the real engine: deploy gives each published service an endpoint URL that answers; observe, suspend, list and remove act on the environment only.</summary>
public sealed class DockerRuntimeTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    [Fact]
    public async Task Deploy_observe_suspend_and_remove_an_environment_through_the_runtime()
    {
        var folder = Directory.CreateTempSubdirectory("skiff-runtime-").FullName;
        OnCleanup(() => { Directory.Delete(folder, recursive: true); return Task.CompletedTask; });
        await File.WriteAllTextAsync(Path.Combine(folder, "compose.yaml"), $"""
            services:
              web:
                image: {Engine.BusyboxImage}
                command: ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
                ports: ["8080"]
              worker:
                image: {Engine.BusyboxImage}
                command: ["sleep", "3600"]
            """);
        var spec = SpecLoader.Load(folder).Spec!;
        var runtime = new DockerRuntime(Driver, new EnvironmentDeployer(Driver, TimeProvider.System, new XunitLogger<EnvironmentDeployer>(Output)),
            new XunitLogger<DockerRuntime>(Output));

        var outcome = await runtime.DeployAsync(new DeployRequest { Environment = Env, Spec = spec, PublicService = "web" }, NullDeployObserver.Instance, Timeout(120));

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        var web = outcome.Services.Single(s => s.Name == "web");
        Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/$", web.Endpoint);
        Assert.Null(outcome.Services.Single(s => s.Name == "worker").Endpoint);
        using (var http = new HttpClient())
            Assert.True((await http.GetAsync(web.Endpoint)).StatusCode is not System.Net.HttpStatusCode.BadGateway);
        Assert.Equal(["web", "worker"], (await runtime.ObserveAsync(Env, Timeout())).Containers.Select(c => c.Service).Order());
        Assert.Contains(Env, await runtime.ListEnvironmentsAsync(Timeout()));
        Assert.Equal("docker", runtime.Name);
        Assert.Null(await runtime.ProblemAsync(Timeout()));
        Assert.Matches("^(Podman|Docker) ", (await runtime.IdentifyAsync(Timeout())).Product);

        Assert.Equal(2, await runtime.SuspendAsync(Env, Timeout()));
        Assert.All((await runtime.ObserveAsync(Env, Timeout())).Containers, c => Assert.False(c.IsRunning));

        await runtime.RemoveAsync(Env, Timeout());
        Assert.True((await runtime.ObserveAsync(Env, Timeout())).IsEmpty);
    }
}
