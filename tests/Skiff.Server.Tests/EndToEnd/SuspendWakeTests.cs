using System.Net;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>Suspend stops every container and keeps the data; the first request wakes the environment and is answered correctly.</summary>
[Collection(EngineCollection.Name)]
public sealed class SuspendWakeTests
{
    [Fact]
    public async Task A_suspended_environment_answers_its_first_request_with_its_data_intact()
    {
        using var source = new TempCopy(Path.Combine(RepositoryPaths.Examples, "shop"));
        var name = $"wake-{Guid.NewGuid().ToString("N")[..6]}";
        await using var server = await TestServer.StartAsync();
        try
        {
            var ready = await server.UpAsync(name, source.Path);
            Assert.Equal("Ready", ready.Phase.ToString());
            var db = ready.Services.Single(s => s.Name == "db").ContainerId!;
            var insert = await server.Driver.ExecAsync(db, ["psql", "-v", "ON_ERROR_STOP=1", "-c",
                "INSERT INTO products (sku, name, description, category_id, price_cents, stock) SELECT 'WAKE-1', 'Kept while asleep', 'a row added after seeding', id, 100, 1 FROM categories LIMIT 1"],
                TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.True(insert.Succeeded, insert.Output);

            var suspended = await server.SuspendAsync(name);
            var state = await server.Driver.GetStateAsync(name, CancellationToken.None);
            Assert.All(state.Containers, c => Assert.False(c.IsRunning, $"{c.Service} still runs"));
            Assert.Contains("db-data", state.Volumes);
            Assert.All(suspended.Services, s => Assert.Equal("Stopped", s.Status));
            Assert.Equal(ready.Url, suspended.Url);

            // A client that is not a browser is held until the environment serves again.
            var (status, body) = await server.BrowseAsync($"{name}.localhost");
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
            Assert.Contains("Kept while asleep", body);
            Assert.Contains("Canvas tote bag", body);
            var awake = (await server.GetAsync(name))!;
            Assert.Equal("Ready", awake.Phase.ToString());
            Assert.Contains(awake.Events!, e => e.Kind == "wake" && e.Message.StartsWith("woke in "));
            Assert.Equal(db, awake.Services.Single(s => s.Name == "db").ContainerId);
        }
        finally
        {
            await server.Driver.RemoveEnvironmentAsync(name, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_browser_sees_a_waking_page_that_refreshes_until_the_environment_serves()
    {
        using var source = new TempCopy(Path.Combine(RepositoryPaths.Examples, "shop"));
        var name = $"wakeb-{Guid.NewGuid().ToString("N")[..6]}";
        await using var server = await TestServer.StartAsync();
        try
        {
            Assert.Equal("Ready", (await server.UpAsync(name, source.Path)).Phase.ToString());
            await server.SuspendAsync(name);

            var pages = new List<HttpStatusCode>();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            string body;
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/"));
                request.Headers.Host = $"{name}.localhost:{server.Address.Port}";
                request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
                using var response = await server.Http.SendAsync(request);
                body = await response.Content.ReadAsStringAsync();
                pages.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                    break;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Contains("Waking up", body);
                Assert.Contains("http-equiv=\"refresh\"", body);
                Assert.True(DateTime.UtcNow < deadline, "never woke");
                await Task.Delay(1000);
            }
            Assert.Contains("Canvas tote bag", body);
            Assert.Equal(HttpStatusCode.OK, pages[^1]);
        }
        finally
        {
            await server.Driver.RemoveEnvironmentAsync(name, CancellationToken.None);
        }
    }
}
