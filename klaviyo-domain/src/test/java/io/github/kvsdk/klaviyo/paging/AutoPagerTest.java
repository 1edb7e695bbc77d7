package io.github.kvsdk.klaviyo.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Iteration logic over in-memory pages; HTTP behaviour is covered by {@link JsonApiPagesTest}. */
final class AutoPagerTest {
  private final AtomicInteger loads = new AtomicInteger();

  /** Pages of {@code sizes[i]} integers; page i links to page i+1. */
  private Page<Integer> page(int index, int[] sizes, int firstValue) {
    List<Integer> data = new ArrayList<>();
    for (int i = 0; i < sizes[index]; i++) data.add(firstValue + i);
    String next = index + 1 < sizes.length ? "https://a.klaviyo.com/api/x?page%5Bcursor%5D=" + (index + 1) : null;
    int nextFirst = firstValue + sizes[index];
    return Page.of(data, Included.empty(), PageLinks.of("self", next, null, null, null), cursor -> {
      loads.incrementAndGet();
      return page(Integer.parseInt(cursor.value()), sizes, nextFirst);
    });
  }

  @Test
  void skipsEmptyPagesInTheMiddle() {
    AutoPager<Integer> pager = page(0, new int[] {2, 0, 0, 3}, 1).autoPager();
    assertThat(pager).containsExactly(1, 2, 3, 4, 5);
    assertThat(loads).hasValue(3);
  }

  @Test
  void anEmptyListingYieldsNothing() {
    assertThat(page(0, new int[] {0}, 1).autoPager()).isEmpty();
    assertThat(page(0, new int[] {0}, 1).autoPager().pages()).hasSize(1);
  }

  @Test
  void startingAtAFetchedPageReusesIt() {
    Page<Integer> first = page(0, new int[] {1, 1}, 1);
    AutoPager<Integer> pager = first.autoPager();
    assertThat(pager.stream().toList()).containsExactly(1, 2);
    assertThat(pager.stream().toList()).containsExactly(1, 2);
    assertThat(loads).hasValue(2); // the second page twice; the first page never again
  }

  @Test
  void lazyPagerFetchesTheFirstPageOnlyWhenIterated() {
    AtomicInteger firstFetches = new AtomicInteger();
    AutoPager<Integer> pager = AutoPager.lazy(() -> {
      firstFetches.incrementAndGet();
      return page(0, new int[] {2}, 1);
    });
    assertThat(firstFetches).hasValue(0);
    assertThat(pager).containsExactly(1, 2);
    assertThat(firstFetches).hasValue(1);
  }

  @Test
  void aPageThatLinksToItsOwnCursorStopsTheIteration() {
    Page<Integer> loop = Page.of(List.of(1), Included.empty(),
        PageLinks.of("self", "https://a.klaviyo.com/api/x?page%5Bcursor%5D=same", null, null, null),
        new PageLoader<>() {
          @Override
          public Page<Integer> load(Cursor cursor) {
            return Page.of(List.of(2), Included.empty(),
                PageLinks.of("self", "https://a.klaviyo.com/api/x?page%5Bcursor%5D=same", null, null, null), this);
          }
        });
    assertThatThrownBy(() -> loop.autoPager().forEach(i -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("links to itself");
  }

  @Test
  void mapAppliesToEveryPage() {
    Page<String> mapped = page(0, new int[] {2, 2}, 1).map(i -> "#" + i);
    assertThat(mapped.data()).containsExactly("#1", "#2");
    assertThat(mapped.autoPager()).containsExactly("#1", "#2", "#3", "#4");
  }

  @Test
  void aNextLinkNeedsALoader() {
    assertThatThrownBy(() -> Page.of(List.of(1), Included.empty(),
            PageLinks.of("s", "https://a.klaviyo.com/x?page%5Bcursor%5D=2", null, null, null), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Page.of(List.of(1), Included.empty(), PageLinks.none(), null).hasNextPage()).isFalse();
  }

  @Test
  void cursorsAreReadFromNextLinks() {
    assertThat(Cursor.fromLink("https://a.klaviyo.com/api/profiles/?page%5Bcursor%5D=bmV4dDo6aWQ%3D%3D&page%5Bsize%5D=5"))
        .hasValueSatisfying(c -> {
          assertThat(c.value()).isEqualTo("bmV4dDo6aWQ==");
          assertThat(c.parameter()).isEqualTo("page[cursor]");
        });
    assertThat(Cursor.fromLink("https://a.klaviyo.com/api/campaign-values-reports?page_cursor=abc"))
        .hasValueSatisfying(c -> assertThat(c.parameter()).isEqualTo("page_cursor"));
    assertThat(Cursor.fromLink("https://a.klaviyo.com/api/profiles/")).isEmpty();
    assertThat(Cursor.fromLink("not a url")).isEmpty();
    assertThat(Cursor.fromLink(null)).isEmpty();
  }
}
