using System.Diagnostics;
using System.Net.Http.Json;
using Skiff.Core.Api;

namespace Skiff.Bench;

/// <summary>Drives shop environments through a bench server's API: up, suspend, wait for phases, browse.</summary>
internal sealed class ShopEnvironments(HttpClient http, Uri server)
{
    public static string CopyExample()
    {
        var folder = Directory.CreateTempSubdirectory("skiff-bench-shop-").FullName;
        Copy(Path.Combine(Skiff.Tests.Shared.RepositoryPaths.Examples, "shop"), folder);
        return folder;
    }

    public async Task<EnvironmentDto> UpAsync(string name, string source)
    {
        using var response = await http.PutAsJsonAsync($"api/v1/environments/{name}", new EnvironmentRequest(source), SkiffJson.Options);
        response.EnsureSuccessStatusCode();
        var accepted = (await response.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options))!;
        return await WaitAsync(name, accepted.Generation, "Ready");
    }

    public async Task<EnvironmentDto> SuspendAsync(string name)
    {
        using var response = await http.PostAsync($"api/v1/environments/{name}/suspend", null);
        response.EnsureSuccessStatusCode();
        var accepted = (await response.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options))!;
        return await WaitAsync(name, accepted.Generation, "Suspended");
    }

    public async Task DownAsync(string name)
    {
        using (await http.DeleteAsync($"api/v1/environments/{name}")) { }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            using var answer = await http.GetAsync($"api/v1/environments/{name}");
            if (answer.StatusCode == System.Net.HttpStatusCode.NotFound)
                return;
            await Task.Delay(100);
        }
    }

    /// <summary>One request as a client would send it to http://&lt;env&gt;.localhost:port/ (held by the router while it wakes).</summary>
    public async Task<(int Status, string Body)> BrowseAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/"));
        request.Headers.Host = $"{name}.localhost:{server.Port}";
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<EnvironmentDto> WaitAsync(string name, long generation, string phase)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            var environment = await http.GetFromJsonAsync<EnvironmentDto>($"api/v1/environments/{name}", SkiffJson.Options);
            if (environment is { } e && e.ObservedGeneration >= generation && (e.Phase == phase || e.Phase == "Failed"))
                return e.Phase == phase ? e : throw new InvalidOperationException($"{name} failed: {e.Error?.Message}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"{name} not {phase} after 10 min");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
