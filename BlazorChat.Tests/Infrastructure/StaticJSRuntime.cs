using Microsoft.JSInterop;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// The JavaScript runtime of a static render: there is none. Like the framework's own
/// prerendering runtime it refuses every call, so a component that calls JavaScript while
/// rendering statically fails the test instead of passing silently.
/// </summary>
public sealed class StaticJSRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        throw new InvalidOperationException($"JavaScript call '{identifier}' during a static render.");

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);
}
