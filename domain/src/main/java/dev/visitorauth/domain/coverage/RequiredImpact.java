package dev.visitorauth.domain.coverage;

/**
 * What switching a widget to {@code required} would have refused over a window.
 *
 * @param wouldRefuse start-ups that {@code required} would have refused with {@code token_required}
 * @param share       {@code wouldRefuse} as a fraction (0 to 1) of all start-ups in the window,
 *                    refused ones included; 0 when there were none
 */
public record RequiredImpact(long wouldRefuse, double share) {
    public RequiredImpact {
        if (wouldRefuse < 0 || share < 0 || share > 1 || Double.isNaN(share)) {
            throw new IllegalArgumentException("wouldRefuse >= 0 and 0 <= share <= 1");
        }
    }

    /** {@code wouldRefuse} out of {@code total} start-ups. */
    public static RequiredImpact of(long wouldRefuse, long total) {
        if (wouldRefuse > total) {
            throw new IllegalArgumentException("wouldRefuse cannot exceed total");
        }
        return new RequiredImpact(wouldRefuse, total == 0 ? 0 : (double) wouldRefuse / total);
    }

    /** True when some start-up would have been refused (a PATCH to {@code required} then warns). */
    public boolean refusesAny() {
        return wouldRefuse > 0;
    }
}
