using System.Net;
using Skiff.Tests.Shared;
using Xunit.Abstractions;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>
/// A steady stream of requests through the router while the public service is replaced five
/// times: every one of them is answered by the app. The router stops sending to the old container
/// before it goes, and the requests it already took are answered first. (What the app itself
/// answers is its own business: on Podman 4.3 the network's DNS pauses while a container joins or
/// leaves, so the shop's web can now and then fail to look up its API and answer its own 502
/// page. Those are counted and printed, not failed on: see docs/operations.md.)
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class UpdateWithoutDowntimeTests(ITestOutputHelper output)
{
    /// <summary>Every page the shop renders, its product table or its own notice, ends with this footer.</summary>
    private const string ShopFooter = "Served by web &rarr; api &rarr; db.";

    private const int Updates = 5;
    private const int MaxRequests = 50_000;

    [Fact]
    public async Task Five_updates_of_the_public_service_drop_no_request()
    {
        using var source = new TempCopy(Path.Combine(RepositoryPaths.Examples, "shop"));
        var name = $"steady-{Guid.NewGuid().ToString("N")[..6]}";
        await using var server = await TestServer.StartAsync();
        try
        {
            Assert.Equal("Ready", (await server.UpAsync(name, source.Path)).Phase.ToString());

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            var traffic = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => LoopAsync(server, name, stop.Token))));
            var template = source.Read("web/templates/index.html");
            for (var update = 1; update <= Updates; update++)
            {
                source.Write("web/templates/index.html", template.Replace("<h1>", $"<h1>update-{update} ", StringComparison.Ordinal));
                var deployed = await server.UpAsync(name, source.Path);
                Assert.True(deployed.Phase == "Ready", deployed.Error?.Message);
                Assert.Contains($"update-{update}", (await server.BrowseAsync($"{name}.localhost")).Body);
            }
            await stop.CancelAsync();
            var loops = await traffic;

            var requests = loops.Sum(l => l.Requests);
            var failures = loops.SelectMany(l => l.Failures).ToList();
            var notices = loops.SelectMany(l => l.AppNotices).ToList();
            output.WriteLine($"{requests} requests, {failures.Count} not answered by the app, {notices.Count} answered with the app's own notice");
            foreach (var notice in notices.Take(5))
                output.WriteLine($"app notice: {notice}");
            Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests were not answered by the app: {string.Join("; ", failures.Take(5))}");
            Assert.True(requests > 100, $"only {requests} requests went through during the updates");
            // Every version served some of them: the traffic really crossed each switch.
            Assert.All(Enumerable.Range(1, Updates), update => Assert.Contains(loops, l => l.Markers.Contains($"update-{update}")));
        }
        finally
        {
            await server.Driver.RemoveEnvironmentAsync(name, CancellationToken.None);
        }
    }

    /// <summary>The shop's own notice (why it could not show products), or the start of the body.</summary>
    private static string Notice(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, "<div class=\"notice\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline) is { Success: true } notice
            ? notice.Groups[1].Value
            : body[..Math.Min(body.Length, 200)];

    private sealed record Loop(int Requests, List<string> Failures, List<string> AppNotices, HashSet<string> Markers);

    /// <summary>Back-to-back requests as a browser would send them, until stopped (or the bound is reached).</summary>
    private static async Task<Loop> LoopAsync(TestServer server, string name, CancellationToken stop)
    {
        var failures = new List<string>();
        var notices = new List<string>();
        var markers = new HashSet<string>(StringComparer.Ordinal);
        var requests = 0;
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        while (!stop.IsCancellationRequested && requests < MaxRequests)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Host = $"{name}.localhost:{server.Address.Port}";
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                requests++;
                if (!body.Contains(ShopFooter, StringComparison.Ordinal))
                    failures.Add($"{(int)response.StatusCode} at {DateTime.UtcNow:HH:mm:ss.fff}: {body[..Math.Min(body.Length, 200)]}");
                else if (response.StatusCode != HttpStatusCode.OK || !body.Contains("Canvas tote bag", StringComparison.Ordinal))
                    notices.Add($"{(int)response.StatusCode} at {DateTime.UtcNow:HH:mm:ss.fff}: {Notice(body)}");
                else if (System.Text.RegularExpressions.Regex.Match(body, "update-[0-9]+") is { Success: true } marker)
                    markers.Add(marker.Value);
            }
            catch (HttpRequestException exception)
            {
                requests++;
                failures.Add(exception.Message);
            }
        }
        return new Loop(requests, failures, notices, markers);
    }
}
