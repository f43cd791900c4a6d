using Skiff.Core.Runtime;
using Skiff.Core.Specs;

namespace Skiff.Core.Deploy;

/// <summary>Runs an environment's seed once: copies the seed file into the container and feeds it to the seed command on standard input.</summary>
internal sealed class Seeder(IContainerEngine driver, DeployOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public async Task RunAsync(SeedSpec seed, ContainerState container, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(seed.File, cancellationToken);
        }
        catch (IOException exception)
        {
            throw new DeployFailedException(new DeployFailure(seed.Service, $"cannot read seed file {seed.File}: {exception.Message}", []));
        }

        var target = "/tmp/skiff-seed" + Path.GetExtension(seed.File);
        await driver.CopyFileAsync(container.Id, target, content, cancellationToken);
        var command = seed.Command.IsDefaultOrEmpty ? (IReadOnlyList<string>)["sh"] : seed.Command;
        string[] wrapped = ["sh", "-c", $"\"$@\" < {target}", "skiff-seed", .. command];
        var result = await driver.ExecAsync(container.Id, wrapped, Timeout, cancellationToken);
        if (!result.Succeeded)
        {
            var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(options.LogTailLines);
            throw new DeployFailedException(new DeployFailure(seed.Service, $"seed {Path.GetFileName(seed.File)} failed with exit code {result.ExitCode}", [.. lines]));
        }
    }
}
