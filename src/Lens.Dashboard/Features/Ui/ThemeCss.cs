using System.Text;
using System.Text.RegularExpressions;

namespace Lens.Dashboard.Features.Ui;

/// <summary>
/// Prepares the component library's theme stylesheet for a page that many screens keep open and that changes often.
/// <para>
/// The theme styles its page layout with rules anchored on the document itself (<c>:root:has(.rz-layout)</c>,
/// <c>body:has(&gt;.rz-layout)</c>). Chromium then treats the root as depending on every change below it: each
/// inserted timeline entry or toggled button restyled every div and chart group on the page (about 150 elements
/// instead of about 20), and with fifty dashboards open that was most of the cost of a push. The dashboard does not
/// use that layout component, so those rules never apply; removing them changes nothing on screen.
/// </para>
/// </summary>
public static partial class ThemeCss
{
    private static readonly string[] DocumentElements = [":root", "html", "body"];

    /// <summary>Drops every selector whose first compound is the root, html or body with a <c>:has()</c>; a rule left without selectors goes.</summary>
    public static string WithoutDocumentHasRules(string css)
    {
        var output = new StringBuilder(css.Length);
        CopyRuleList(css, 0, css.Length, output);
        return output.ToString();
    }

    /// <summary>Rewrites relative <c>url()</c> references against where the stylesheet originally lives, so it can be served from elsewhere.</summary>
    public static string RebaseUrls(string css, string originalPath)
    {
        var origin = new Uri("http://asset/" + originalPath.TrimStart('/'));
        return UrlReference().Replace(css, match =>
        {
            var target = match.Groups["target"].Value;
            if (target.StartsWith('/') || target.StartsWith('#') || target.Contains(':')) return match.Value;
            return $"url(\"{new Uri(origin, target).AbsolutePath}\")";
        });
    }

    // Rules are copied one by one; nested blocks (@media, @supports, @layer, @container) are walked the same way.
    private static void CopyRuleList(string css, int start, int end, StringBuilder output)
    {
        var i = start;
        while (i < end)
        {
            var preludeEnd = Scan(css, i, end, stopAt: "{;}");
            if (preludeEnd >= end || css[preludeEnd] != '{')
            {
                // A statement such as @charset, or stray text: keep it as it is.
                var stop = Math.Min(end, preludeEnd + 1);
                output.Append(css, i, stop - i);
                i = stop;
                continue;
            }
            var blockEnd = MatchingBrace(css, preludeEnd, end);
            var prelude = css[i..preludeEnd];
            var trimmed = prelude.TrimStart();
            if (trimmed.StartsWith('@'))
            {
                output.Append(prelude).Append('{');
                if (IsGroupingRule(trimmed)) CopyRuleList(css, preludeEnd + 1, blockEnd, output);
                else output.Append(css, preludeEnd + 1, blockEnd - preludeEnd - 1);
                output.Append('}');
            }
            else
            {
                var kept = SplitSelectors(prelude).Where(s => !IsDocumentHas(s)).ToList();
                if (kept.Count > 0)
                    output.Append(string.Join(',', kept)).Append(css, preludeEnd, blockEnd - preludeEnd + 1);
            }
            i = Math.Min(end, blockEnd + 1);
        }
    }

    private static bool IsGroupingRule(string atRule) =>
        atRule.StartsWith("@media", StringComparison.OrdinalIgnoreCase) || atRule.StartsWith("@supports", StringComparison.OrdinalIgnoreCase) ||
        atRule.StartsWith("@layer", StringComparison.OrdinalIgnoreCase) || atRule.StartsWith("@container", StringComparison.OrdinalIgnoreCase);

    private static bool IsDocumentHas(string selector)
    {
        var s = selector.Trim();
        var first = s[..Scan(s, 0, s.Length, stopAt: " \t\r\n\f>+~")];
        return first.Contains(":has(", StringComparison.OrdinalIgnoreCase)
            && DocumentElements.Any(e => first.StartsWith(e, StringComparison.OrdinalIgnoreCase)
                                         && (first.Length == e.Length || first[e.Length] is ':' or '[' or '.' or '#'));
    }

    private static List<string> SplitSelectors(string prelude)
    {
        var parts = new List<string>();
        for (var from = 0; ;)
        {
            var comma = Scan(prelude, from, prelude.Length, stopAt: ",");
            parts.Add(prelude[from..comma]);
            if (comma == prelude.Length) return parts;
            from = comma + 1;
        }
    }

    /// <summary>The index of the first of <paramref name="stopAt"/> outside strings, comments and brackets, or <paramref name="end"/>.</summary>
    private static int Scan(string css, int start, int end, string stopAt)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            i = SkipLiteral(css, i, end);
            var c = css[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (depth == 0 && stopAt.Contains(c)) return i;
        }
        return end;
    }

    private static int MatchingBrace(string css, int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            i = SkipLiteral(css, i, end);
            if (css[i] == '{') depth++;
            else if (css[i] == '}' && --depth == 0) return i;
        }
        throw new FormatException($"The stylesheet has an unclosed block starting at character {open}.");
    }

    /// <summary>At the start of a string or comment, the index of its last character; anywhere else, <paramref name="i"/> itself.</summary>
    private static int SkipLiteral(string css, int i, int end)
    {
        if (css[i] is '"' or '\'')
        {
            for (var j = i + 1; j < end; j++)
            {
                if (css[j] == '\\') j++;
                else if (css[j] == css[i]) return j;
            }
            return end - 1;
        }
        if (css[i] == '/' && i + 1 < end && css[i + 1] == '*')
        {
            var close = css.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
            return close < 0 ? end - 1 : close + 1;
        }
        return i;
    }

    [GeneratedRegex("""url\(\s*(?<quote>["']?)(?<target>[^"')]+)\k<quote>\s*\)""")]
    private static partial Regex UrlReference();
}
