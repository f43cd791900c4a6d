using Microsoft.Extensions.Logging;
using Skiff.Core.Planning;
using Skiff.Core.Runtime;

namespace Skiff.Core.Deploy;

/// <summary>
/// Makes sure every image a deploy will start exists: builds what is missing (in parallel, one
/// build per distinct content hash) and pulls what is not built. Nothing is started before every
/// image is ready, so a failed build leaves the running version untouched.
/// </summary>
internal sealed class ImageStage(IEnvironmentDriver driver, ILogger logger, DeployOptions options)
{
    public async Task PrepareAsync(IReadOnlyList<ServiceStep> steps, Action<string, ServiceStatus, string?> report, CancellationToken cancellationToken)
    {
        var needed = steps.Where(s => s.Action is ServiceAction.Create or ServiceAction.Replace)
            .GroupBy(s => s.Revision.Request.Image, StringComparer.Ordinal)
            .ToList();
        await Task.WhenAll(needed.Select(group => EnsureAsync(group.ToList(), report, cancellationToken)));
    }

    private async Task EnsureAsync(List<ServiceStep> users, Action<string, ServiceStatus, string?> report, CancellationToken cancellationToken)
    {
        var first = users[0].Revision;
        var image = first.Request.Image;
        if (await driver.ImageExistsAsync(image, cancellationToken))
            return;

        if (first.Build is not { } build)
        {
            try
            {
                await driver.PullImageAsync(image, cancellationToken);
            }
            catch (DriverException exception)
            {
                throw new DeployFailedException(new DeployFailure(first.Service.Name, exception.Message, []));
            }
            return;
        }

        foreach (var user in users)
            report(user.Revision.Service.Name, ServiceStatus.Building, $"building {image}");
        var output = new LogProgress(logger, first.Service.Name);
        try
        {
            await driver.BuildImageAsync(build, output, cancellationToken);
        }
        catch (BuildFailedException exception)
        {
            throw new DeployFailedException(new DeployFailure(first.Service.Name, $"build failed: {exception.Message}", [.. exception.LogTail.TakeLast(options.LogTailLines)]));
        }
        foreach (var user in users)
            report(user.Revision.Service.Name, ServiceStatus.Built, null);
    }

    private sealed class LogProgress(ILogger logger, string service) : IProgress<string>
    {
        public void Report(string value) => logger.LogDebug("build {Service}: {Line}", service, value);
    }
}
