using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>
/// At most <see cref="ImageOptions.MaxConcurrent"/> images are decoded and encoded at once on this
/// node; the others wait in line (first come, first served), so a burst of uploads costs time, not
/// memory or every core. Each image uses one core (see <see cref="ImagePipeline"/>).
/// </summary>
public sealed class ImageSlots(IOptions<ImageOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _free = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);
    private int _waiting;

    /// <summary>How many images may be processed at once.</summary>
    public int Capacity { get; } = options.Value.MaxConcurrent;

    /// <summary>Images being processed now.</summary>
    public int Busy => Capacity - _free.CurrentCount;

    /// <summary>Images waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Takes a slot, waiting in line while all are busy; <paramref name="onWaiting"/> is called once,
    /// before the wait, when there is one. Dispose the result to hand the slot on.
    /// </summary>
    public async Task<IDisposable> EnterAsync(Action? onWaiting, CancellationToken ct)
    {
        if (!_free.Wait(0))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                onWaiting?.Invoke();
                await _free.WaitAsync(ct);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        return new Slot(_free);
    }

    public void Dispose() => _free.Dispose();

    private sealed class Slot(SemaphoreSlim free) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) free.Release();
        }
    }
}
