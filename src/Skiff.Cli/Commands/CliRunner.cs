namespace Skiff.Cli.Commands;

/// <summary>Maps every failure of a command to one line on stderr and a stable exit code, in one place.</summary>
public static class CliRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (CliException exception)
        {
            context.Error.WriteLine($"skiff: {exception.Message}");
            return exception.ExitCode;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("skiff: cancelled");
            return 130;
        }
        catch (HttpRequestException exception)
        {
            context.Error.WriteLine($"skiff: {exception.Message}");
            return ExitCodes.ServerUnavailable;
        }
    }
}
