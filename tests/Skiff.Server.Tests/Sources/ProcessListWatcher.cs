using System.Text;

namespace Skiff.Server.Tests.Sources;

/// <summary>Reads every process's command line (/proc/*/cmdline) in a loop, as <c>ps</c> would, until disposed.</summary>
internal sealed class ProcessListWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HashSet<string> _seen = [];

    public ProcessListWatcher() => _loop = Task.Run(() => WatchAsync(_stop.Token));

    /// <summary>Every distinct command line seen (arguments joined by spaces).</summary>
    public IReadOnlyCollection<string> CommandLines
    {
        get
        {
            lock (_seen)
                return [.. _seen];
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (!char.IsAsciiDigit(Path.GetFileName(folder)[0]))
                    continue;
                try
                {
                    var line = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, "cmdline"), CancellationToken.None)).Replace('\0', ' ').Trim();
                    if (line.Length > 0)
                    {
                        lock (_seen)
                            _seen.Add(line);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // the process ended while we looked
                }
            }
            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
