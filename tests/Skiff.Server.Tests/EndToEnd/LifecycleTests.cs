using System.Net;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>An environment survives a server restart (routes come back at once, nothing is replaced) and <c>down</c> leaves nothing behind.</summary>
[Collection(EngineCollection.Name)]
public sealed class LifecycleTests
{
    [Fact]
    public async Task A_restarted_server_serves_at_once_and_down_removes_every_labelled_object()
    {
        using var source = new TempCopy(Path.Combine(RepositoryPaths.Examples, "shop"));
        var name = $"life-{Guid.NewGuid().ToString("N")[..6]}";
        await using var server = await TestServer.StartAsync();
        try
        {
            var deployed = await server.UpAsync(name, source.Path);
            Assert.Equal("Ready", deployed.Phase.ToString());
            var before = deployed.Services.ToDictionary(s => s.Name, s => s.ContainerId);

            await server.RestartAsync();

            var (status, body) = await server.BrowseAsync($"{name}.localhost");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Canvas tote bag", body);
            var again = await server.WaitForGenerationAsync(name, deployed.Generation, TimeSpan.FromMinutes(2));
            Assert.Equal("Ready", again.Phase.ToString());
            Assert.Equal(before, again.Services.ToDictionary(s => s.Name, s => s.ContainerId));

            await server.DownAsync(name);

            var state = await server.Driver.GetStateAsync(name, CancellationToken.None);
            Assert.True(state.IsEmpty, $"left behind: {state.Containers.Length} containers, {state.Networks.Length} networks, {state.Volumes.Length} volumes");
            var (gone, _) = await server.BrowseAsync($"{name}.localhost");
            Assert.Equal(HttpStatusCode.NotFound, gone);
        }
        finally
        {
            await server.Driver.RemoveEnvironmentAsync(name, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Bad_api_requests_get_a_clear_error_and_change_nothing()
    {
        await using var server = await TestServer.StartAsync();

        using var badName = await server.Http.PutAsync("api/v1/environments/Not_A_Label", new StringContent("{\"source\":\"/tmp\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("not a DNS label", await badName.Content.ReadAsStringAsync());

        using var badJson = await server.Http.PutAsync("api/v1/environments/ok", new StringContent("{source:"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("not valid JSON", await badJson.Content.ReadAsStringAsync());

        using var missing = await server.Http.PutAsync("api/v1/environments/ok", new StringContent("{\"source\":\"/no/such/folder\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("does not exist", await missing.Content.ReadAsStringAsync());

        using var unknown = await server.Http.DeleteAsync("api/v1/environments/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Null(await server.GetAsync("ok"));
        var (status, _) = await server.BrowseAsync("nothing-here.localhost");
        Assert.Equal(HttpStatusCode.NotFound, status);
        using var health = await server.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
