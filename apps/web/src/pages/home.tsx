import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../api/session';
import { AsOfLink } from '../app/as-of';
import { AbsorptionBar, Money, RecordedTime } from '../components/figures';
import { QueryView } from '../components/query-view';
import { usePageTitle } from '../components/page-title';
import { useI18n } from '../i18n/i18n';
import { VerificationStatus, type Verification } from './verification-status';

/** What GET /api/v1/overview answers: the office-years the user may see, with their current totals. */
export interface Overview {
  officeYears: Array<{
    year: number;
    office: { code: string; name: string };
    lines: number;
    /** The office totals exactly as GET …/plan gives them. */
    totals: {
      currentPagu: string;
      originalPagu: string;
      realised: string;
      absorption: { current: string | null; original: string | null };
    };
    lastChangeAt: string | null;
  }>;
  verification: Verification;
}

/** Beranda: every office-year in the user's scope, with pagu, realisasi, serapan and the last change. */
export function Home() {
  const { t } = useI18n();
  usePageTitle(t('home.title'));
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => api.get<Overview>('/api/v1/overview') });
  const isAdmin = useSession().session?.roles.includes('admin') ?? false;
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {isAdmin && (
        <p>
          <Link to="/perangkat-daerah" data-testid="add-office">
            {t('record.office.link')}
          </Link>
        </p>
      )}
      <QueryView query={overview}>
        {(data) => (
          <>
            <VerificationStatus verification={data.verification} />
            {data.officeYears.length === 0 ? (
              <p>{t('home.empty')}</p>
            ) : (
              <table className="data">
                <caption className="visually-hidden">{t('home.intro')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('common.year')}</th>
                    <th scope="col">{t('common.office')}</th>
                    <th scope="col" className="num">
                      {t('home.lines')}
                    </th>
                    <th scope="col" className="num">
                      {t('home.pagu')}
                    </th>
                    <th scope="col" className="num">
                      {t('home.realised')}
                    </th>
                    <th scope="col">{t('home.absorption')}</th>
                    <th scope="col">{t('home.lastChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.officeYears.map((row) => (
                    <tr key={`${row.year}/${row.office.code}`}>
                      <td>{row.year}</td>
                      <td>
                        <AsOfLink to={`/${row.year}/${row.office.code}`}>
                          {row.office.code} — {row.office.name}
                        </AsOfLink>
                      </td>
                      <td className="num">{row.lines}</td>
                      <td className="num">
                        <Money value={row.totals.currentPagu} />
                      </td>
                      <td className="num">
                        <Money value={row.totals.realised} />
                      </td>
                      <td>
                        <AbsorptionBar value={row.totals.absorption.current} />
                      </td>
                      <td>
                        <RecordedTime value={row.lastChangeAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
