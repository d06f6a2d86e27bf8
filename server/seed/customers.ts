// 42 demo customers. Phones are written the way people type them (four habits) and are
// normalized to E.164 when written to the database.
import { seedId } from './ids.js';

export interface SeedCustomer {
  id: string;
  name: string;
  phoneRaw: string;
  email: string | null;
  city: string;
  partnerNumber: string | null;
  notes: string;
}

const PEOPLE: Array<[name: string, city: 'М' | 'П', email?: string, notes?: string]> = [
  ['Анна Соколова', 'М', 'anna.sokolova@mail.ru', 'Постоянный клиент, звонить после 18:00'],
  ['Михаил Иванов', 'М', 'm.ivanov@yandex.ru'],
  ['Екатерина Смирнова', 'П'],
  ['Алексей Кузьмин', 'М', undefined, 'Просил не звонить в выходные'],
  ['Наталья Попова', 'П', 'popova.n@gmail.com'],
  ['Дмитрий Лебедев', 'М'],
  ['Ольга Козлова', 'М', 'olga.kozlova@mail.ru'],
  ['Андрей Новиков', 'П'],
  ['Татьяна Морозова', 'М', undefined, 'Домофон не работает, звонить на мобильный'],
  ['Сергей Волков', 'П', 'volkov.sergey@yandex.ru'],
  ['Елена Алексеева', 'М'],
  ['Игорь Павлов', 'М', 'i.pavlov@bk.ru'],
  ['Мария Семёнова', 'П'],
  ['Владимир Голубев', 'М', undefined, 'Юрлицо, нужен счёт'],
  ['Светлана Виноградова', 'П', 'sveta.vinogradova@mail.ru'],
  ['Николай Богданов', 'М'],
  ['Юлия Воробьёва', 'М', 'yulia.v@gmail.com'],
  ['Павел Фёдоров', 'П'],
  ['Ирина Михайлова', 'М'],
  ['Роман Беляев', 'П', 'beliaev.r@yandex.ru'],
  ['Людмила Тарасова', 'М', undefined, 'Пожилой человек, говорить медленно'],
  ['Артём Белов', 'М'],
  ['Галина Комарова', 'П', 'komarova.g@mail.ru'],
  ['Виктор Орлов', 'М'],
  ['Ксения Киселёва', 'П', 'kiseleva.ks@gmail.com'],
  ['Максим Макаров', 'М'],
  ['Валентина Андреева', 'М'],
  ['Евгений Ковалёв', 'П', 'kovalev.e@yandex.ru'],
  ['Дарья Ильина', 'М'],
  ['Константин Гусев', 'П'],
  ['Полина Титова', 'М', 'titova.polina@mail.ru'],
  ['Григорий Кузнецов', 'П'],
  ['Вера Баранова', 'М'],
  ['Степан Куликов', 'М', 'kulikov.stepan@bk.ru'],
  ['Алина Алексеенко', 'П'],
  ['Фёдор Степанов', 'М'],
  ['Маргарита Николаева', 'П', 'm.nikolaeva@gmail.com'],
  ['Антон Захаров', 'М'],
  ['Лариса Зайцева', 'П'],
  ['Василий Соловьёв', 'М', 'soloviev.v@yandex.ru', 'Партнёр программы с 2022 года'],
  ['Оксана Борисова', 'П'],
  ['Тимур Яковлев', 'М'],
];

const CODES = ['912', '916', '921', '903', '905', '926', '931', '952', '965', '977', '985', '999'];

/** Subscriber part: a fixed scramble of the index, so numbers look real and never repeat. */
function subscriber(i: number): string {
  return String((1_234_567 + i * 7_654_321) % 10_000_000).padStart(7, '0');
}

function rawPhone(code: string, sub: string, habit: number): string {
  const [a, b, c] = [sub.slice(0, 3), sub.slice(3, 5), sub.slice(5, 7)];
  switch (habit % 4) {
    case 0: return `8 (${code}) ${a}-${b}-${c}`;
    case 1: return `+7 ${code} ${sub}`;
    case 2: return `7${code}${sub}`;
    default: return `${code}${sub}`;
  }
}

export const ANNA_PHONE_E164 = '+79123456789';

export const SEED_CUSTOMERS: SeedCustomer[] = PEOPLE.map(([name, city, email, notes], i) => ({
  id: seedId('customer', i + 1),
  name,
  // Customer 1 is the well-known test caller: +7 912 345-67-89.
  phoneRaw: i === 0 ? '8 (912) 345-67-89' : rawPhone(CODES[i % CODES.length] ?? '912', subscriber(i), i),
  email: email ?? null,
  city: city === 'М' ? 'Москва' : 'Санкт-Петербург',
  // Partner numbers (case 003) for every fifth customer.
  partnerNumber: i % 5 === 4 ? `P-${String(10_400 + i).padStart(6, '0')}` : null,
  notes: notes ?? '',
}));
