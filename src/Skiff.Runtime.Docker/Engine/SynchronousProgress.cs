namespace Skiff.Runtime.Docker.Engine;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler at once, in order. <see cref="Progress{T}"/>
/// posts to the thread pool, so its reports can arrive after the call they belong to has returned.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
